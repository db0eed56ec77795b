using System.Net;
using System.Security.Cryptography.X509Certificates;
using NetworkingLessons.Http;

namespace NetworkingLessons.Tests.Http;

/// <summary>
/// The lesson's certificate authority and the server certificates it issues carry what a TLS client
/// checks (RFC 5280): who is a CA, what each key may do, the names it is for, and a positive serial.
/// </summary>
public sealed class CourseCertificatesTests
{
    private static T Extension<T>(X509Certificate2 certificate) where T : X509Extension =>
        Assert.Single(certificate.Extensions.OfType<T>());

    [Fact]
    public void TheAuthority_IsACaThatMaySignCertificatesOnly_UnderTheNameGiven()
    {
        using var authority = CourseCertificates.CreateAuthority("Test CA");

        Assert.Equal("CN=Test CA", authority.Subject);
        Assert.Equal(authority.Subject, authority.Issuer);
        var constraints = Extension<X509BasicConstraintsExtension>(authority);
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        Assert.True(constraints.Critical);
        var usage = Extension<X509KeyUsageExtension>(authority);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.True(usage.Critical);
        Assert.True(authority.HasPrivateKey);
    }

    [Fact]
    public void AServerCertificate_IsNoCa_SignsOnly_ForServerAuthentication_NamingItsAuthority()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var server = CourseCertificates.Issue(authority, "localhost");

        Assert.Equal("CN=localhost", server.Subject);
        Assert.Equal(authority.Subject, server.Issuer);
        var constraints = Extension<X509BasicConstraintsExtension>(server);
        Assert.False(constraints.CertificateAuthority);
        Assert.False(constraints.HasPathLengthConstraint);
        Assert.True(constraints.Critical);
        var usage = Extension<X509KeyUsageExtension>(server);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
        Assert.True(usage.Critical);
        var purposes = Extension<X509EnhancedKeyUsageExtension>(server);
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], purposes.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.False(purposes.Critical);
        var authorityKey = Extension<X509AuthorityKeyIdentifierExtension>(server);
        Assert.Equal(Extension<X509SubjectKeyIdentifierExtension>(authority).SubjectKeyIdentifierBytes.ToArray(), authorityKey.KeyIdentifier!.Value.ToArray());
        Assert.Null(authorityKey.SerialNumber);
        Assert.True(server.HasPrivateKey);
    }

    [Fact]
    public void AServerCertificate_NamesAHostAsDns_AndAnAddressAsAnIpAddress()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var named = CourseCertificates.Issue(authority, "localhost");
        using var numbered = CourseCertificates.Issue(authority, "127.0.0.1");

        var dns = Extension<X509SubjectAlternativeNameExtension>(named);
        Assert.Equal(["localhost"], dns.EnumerateDnsNames());
        Assert.Empty(dns.EnumerateIPAddresses());
        var ip = Extension<X509SubjectAlternativeNameExtension>(numbered);
        Assert.Equal([IPAddress.Loopback], ip.EnumerateIPAddresses());
        Assert.Empty(ip.EnumerateDnsNames());
    }

    [Fact]
    public void SerialNumbers_ArePositiveAndDiffer()
    {
        using var authority = CourseCertificates.CreateAuthority();

        var serials = Enumerable.Range(0, 40).Select(_ =>
        {
            using var certificate = CourseCertificates.Issue(authority, "localhost");
            return certificate.SerialNumberBytes.ToArray(); // big-endian
        }).ToList();

        Assert.All(serials, s => Assert.True(s[0] < 0x80, $"serial {Convert.ToHexString(s)} is negative"));
        Assert.Equal(serials.Count, serials.Select(Convert.ToHexString).Distinct().Count());
        Assert.Contains(serials, s => s.Length == 16 && s[0] != 0 && s[0] != 0x7F); // random bits kept below the sign bit
    }

    [Fact]
    public void BadArguments_AreRefusedByName()
    {
        using var authority = CourseCertificates.CreateAuthority();
        using var publicOnly = X509CertificateLoader.LoadCertificate(authority.RawData);

        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => CourseCertificates.CreateAuthority(" ")).ParamName);
        Assert.Equal("authority", Assert.Throws<ArgumentNullException>(() => CourseCertificates.Issue(null!, "localhost")).ParamName);
        Assert.Equal("hostName", Assert.ThrowsAny<ArgumentException>(() => CourseCertificates.Issue(authority, "")).ParamName);
        var noKey = Assert.Throws<ArgumentException>(() => CourseCertificates.Issue(publicOnly, "localhost"));
        Assert.Equal("authority", noKey.ParamName);
        Assert.StartsWith("The authority's certificate has no private key to sign with.", noKey.Message, StringComparison.Ordinal);
    }
}
