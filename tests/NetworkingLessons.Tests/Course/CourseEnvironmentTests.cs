using System.Diagnostics;
using System.Runtime.InteropServices;
using NetworkingLessons.Course;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Course;

public sealed class CourseEnvironmentTests
{
    [Fact]
    public void IsOffline_InTheTests_IsTrue_AndModeSaysLocalStandInsOnly()
    {
        Assert.True(CourseEnvironment.IsOffline);
        Assert.Equal("offline: local stand-ins only", CourseEnvironment.Mode);
        Assert.Equal("NETWORKING_LESSONS_OFFLINE", CourseEnvironment.OfflineVariable);
    }

    [Fact]
    public void Runtime_IsTheFrameworkDescription_AndIsSupported()
    {
        Assert.Equal(RuntimeInformation.FrameworkDescription, CourseEnvironment.Runtime);
        Assert.Equal(new Version(10, 0), CourseEnvironment.MinimumRuntime);
        CourseEnvironment.RequireSupportedRuntime(); // .NET 10 runs these tests: no exception
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10, 1)]
    [InlineData(11, 0)]
    public void RequireSupportedRuntime_TenOrLater_Passes(int major, int minor)
    {
        CourseEnvironment.RequireSupportedRuntime(new Version(major, minor));
    }

    [Theory]
    [InlineData(9, 0)]
    [InlineData(8, 0)]
    public void RequireSupportedRuntime_Older_SaysWhatToInstall(int major, int minor)
    {
        var ex = Assert.Throws<PlatformNotSupportedException>(() => CourseEnvironment.RequireSupportedRuntime(new Version(major, minor)));

        Assert.Equal($"These lessons need .NET 10 or later; this notebook runs on {CourseEnvironment.Runtime}. Install the .NET 10 SDK and pick it as the kernel.", ex.Message);
    }

    [PeerFact(Peer.Python)]
    public void VersionOf_IsWhatTheProgramPrints_Trimmed()
    {
        Assert.Matches(@"^Python 3\.\d+\.\d+$", CourseEnvironment.VersionOf("python3"));
    }

    [Theory]
    [InlineData("false")] // runs, and fails
    [InlineData("no-such-program-anywhere")] // cannot be started
    public void VersionOf_AProgramThatFailsOrIsMissing_IsNotFound(string program)
    {
        Assert.Equal("not found", CourseEnvironment.VersionOf(program));
    }

    [Fact]
    public void LibraryVersion_IsTheAssemblysVersion_WithoutTheSourceRevision()
    {
        var version = CourseEnvironment.LibraryVersion;
        var informational = typeof(CourseEnvironment).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;

        Assert.Equal(informational.Split('+')[0], version);

        Assert.NotEqual("unknown", version);
        Assert.DoesNotContain("+", version);
        Assert.Matches(@"^\d+\.\d+", version);
    }

    [Fact]
    public void Sdk_IsWhatDotnetVersionPrints()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        var expected = process.StandardOutput.ReadToEnd().Trim();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(expected, CourseEnvironment.Sdk);
        Assert.Matches(@"^\d+\.\d+\.\d+", CourseEnvironment.Sdk);
    }

    [Fact]
    public void Describe_NamesEachFactInOrder_WithTheMachinesValues()
    {
        var facts = CourseEnvironment.Describe();

        Assert.Equal(["SDK", "Runtime", "NetworkingLessons library", "Operating system", "Host name", "Mode"], facts.Items.Select(i => i.Name));
        Assert.Equal(CourseEnvironment.Sdk, facts["SDK"]);
        Assert.Equal(CourseEnvironment.Runtime, facts["Runtime"]);
        Assert.Equal(CourseEnvironment.LibraryVersion, facts["NetworkingLessons library"]);
        Assert.Equal(RuntimeInformation.OSDescription, facts["Operating system"]);
        Assert.Equal(System.Net.Dns.GetHostName(), facts["Host name"]);
        Assert.Equal(CourseEnvironment.Mode, facts["Mode"]);
    }

    [Fact]
    public void Facts_IndexerWithAnUnknownName_ThrowsNamingIt()
    {
        var facts = CourseEnvironment.Describe();

        var ex = Assert.Throws<KeyNotFoundException>(() => facts["Colour"]);
        Assert.Equal("No fact named 'Colour'.", ex.Message);
    }

    [Fact]
    public void Facts_ToString_AlignsValuesTwoSpacesPastTheLongestName()
    {
        var facts = CourseEnvironment.Describe();

        var lines = facts.ToString().Split('\n');

        Assert.Equal(6, lines.Length);
        Assert.Equal($"SDK                        {CourseEnvironment.Sdk}", lines[0]);
        Assert.Equal($"NetworkingLessons library  {CourseEnvironment.LibraryVersion}", lines[2]);
        Assert.All(lines, line => Assert.Equal(' ', line["NetworkingLessons library ".Length]));
        Assert.All(lines, line => Assert.NotEqual(' ', line["NetworkingLessons library  ".Length]));
    }

    [Fact]
    public void Facts_MimeBundle_IsTheTextAndAnHtmlTableOfFactAndValue()
    {
        var facts = CourseEnvironment.Describe();

        var bundle = facts.ToMimeBundle();

        Assert.Equal(["text/plain", "text/html"], bundle.Keys);
        Assert.Equal(facts.ToString(), bundle["text/plain"]);
        var html = bundle["text/html"];
        Assert.StartsWith("<table", html);
        Assert.Contains("<th>Fact</th>", html);
        Assert.Contains("<th>Value</th>", html);
        Assert.Contains(">Host name</td>", html);
        Assert.Contains($">{CourseEnvironment.Mode}</td>", html);
    }
}
