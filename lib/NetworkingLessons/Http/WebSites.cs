using System.Net;
using System.Security.Cryptography.X509Certificates;
using NetworkingLessons.Course;

namespace NetworkingLessons.Http;

/// <summary>
/// "A web site" for lesson 13: online, example.com (HTTP on 80, HTTPS on 443) if it answers a GET
/// within a short timeout; offline, or when it does not, the course's own HTTP and HTTPS servers on
/// loopback, the HTTPS one with a certificate for "localhost" signed by an authority the course
/// creates for this process. Which one, and why, is in <see cref="WebSiteChoice.Note"/>.
/// </summary>
public static class WebSites
{
    /// <summary>The public site tried online.</summary>
    public const string PublicName = "example.com";

    /// <summary>How long the public site may take to answer before the embedded servers stand in.</summary>
    public static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The page the embedded servers serve at "/".</summary>
    public const string EmbeddedPage = "<!doctype html>\n<html><head><title>NetworkingLessons</title></head><body><h1>Served by the course, on loopback</h1></body></html>\n";

    private static readonly Lazy<(LocalHttpServer Http, LocalHttpServer Https, X509Certificate2 Authority)> Shared = new(() =>
    {
        var authority = CourseCertificates.CreateAuthority();
        var pages = new Dictionary<string, string> { ["/"] = EmbeddedPage };
        return (LocalHttpServer.Start(pages), LocalHttpServer.Start(pages, CourseCertificates.Issue(authority, "localhost")), authority);
    });

    // The course's own site on loopback, started on first use and shared by the lessons of this process.
    private static WebSiteChoice Embedded(string why) => new("localhost", IPAddress.Loopback, Shared.Value.Http.EndPoint.Port, Shared.Value.Https.EndPoint.Port,
        Shared.Value.Authority, true, $"Using the course's own web servers on 127.0.0.1 (HTTP on {Shared.Value.Http.EndPoint.Port}, HTTPS on {Shared.Value.Https.EndPoint.Port}, under the name localhost): {why}.");

    /// <summary>Finds a web site: the public one online, the embedded servers otherwise.</summary>
    public static async Task<WebSiteChoice> FindAsync(CancellationToken cancellationToken = default)
    {
        if (CourseEnvironment.IsOffline)
        {
            return Embedded("offline");
        }
        try
        {
            var exchange = await RawHttp.GetAsync(PublicName, 80, timeout: LiveTimeout, cancellationToken: cancellationToken);
            return exchange.Response.Status is >= 200 and < 400
                ? new WebSiteChoice(PublicName, null, 80, 443, null, false, $"Using {PublicName}, a public web site (HTTP on 80, HTTPS on 443).")
                : Embedded($"{PublicName} answered {exchange.Response.Status} {exchange.Response.Reason}");
        }
        catch (Exception ex) when (ex is Hosts.HostLookupException or System.Net.Sockets.SocketException or TimeoutException or HttpFormatException or IOException)
        {
            return Embedded($"{PublicName} did not answer ({ex.Message})");
        }
    }
}
