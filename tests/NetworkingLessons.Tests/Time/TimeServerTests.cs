using NetworkingLessons.Course;
using NetworkingLessons.Tests.Course;
using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

/// <summary>
/// The time server a lesson is given: offline, the course's own SNTP server, saying so; asked for
/// a sample, as many replies as asked, within the limit.
/// </summary>
[Collection(OnlineSwitch.Collection)]
public sealed class TimeServerTests
{
    [Fact]
    public async Task Find_Offline_IsTheCoursesOwnServer_AndSaysWhy()
    {
        var before = Environment.GetEnvironmentVariable(CourseEnvironment.OfflineVariable);
        try
        {
            Environment.SetEnvironmentVariable(CourseEnvironment.OfflineVariable, "1");

            var server = await TimeServers.FindAsync();

            Assert.True(server.IsEmbedded);
            Assert.Equal("the course's SNTP server", server.Name);
            Assert.Equal(TimeServers.Embedded.EndPoint, server.EndPoint);
            Assert.Equal($"Using the course's own SNTP server on {TimeServers.Embedded.EndPoint}: offline.", server.ToString());
            Assert.Null(server.FirstReply);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CourseEnvironment.OfflineVariable, before);
        }
    }

    [Fact]
    public async Task AnEmbeddedServer_AnswersAQuery_AndASampleOfExactlyTheCountAsked()
    {
        await using var sntp = SntpServer.Start(options: new SntpServerOptions { Burst = 30, RequestsPerSecond = 10 });
        var server = new TimeServer("test", [sntp.EndPoint], isEmbedded: true, "a test server", null);

        Assert.Equal(NtpMode.Server, (await server.QueryAsync()).Reply.Mode);
        Assert.Equal(3, (await server.SampleAsync(3)).Count);
        Assert.Single(await server.SampleAsync(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TimeServer.MaxSamples + 1)]
    public async Task ASample_OutsideOneToTheMaximum_IsRefused(int count)
    {
        var server = new TimeServer("test", [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 123)], isEmbedded: true, "unused", null);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => server.SampleAsync(count));
    }
}
