using System.Net.Sockets;
using NetworkingLessons.Errors;

namespace NetworkingLessons.Tests.Errors;

public sealed class SocketErrorsTests
{
    public static TheoryData<SocketError> Every() => [.. Enum.GetValues<SocketError>().Distinct()];

    [Theory]
    [MemberData(nameof(Every))]
    public void Explain_EveryValue_HasACauseAdviceAndPythonName(SocketError error)
    {
        var info = SocketErrors.Explain(error);

        Assert.Equal(error, info.Error);
        Assert.DoesNotContain("no note for", info.Cause, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(info.Advice));
        Assert.False(string.IsNullOrWhiteSpace(info.Python));
    }

    public static TheoryData<string, SocketError, string, int, string> Provoked() => new()
    {
        { nameof(ErrorScenarios.Refused), SocketError.ConnectionRefused, "ECONNREFUSED", 111, "ConnectionRefusedError" },
        { nameof(ErrorScenarios.ResetByPeer), SocketError.ConnectionReset, "ECONNRESET", 104, "ConnectionResetError" },
        { nameof(ErrorScenarios.BrokenPipe), SocketError.Shutdown, "EPIPE", 32, "BrokenPipeError" },
        { nameof(ErrorScenarios.AddressInUse), SocketError.AddressAlreadyInUse, "EADDRINUSE", 98, "OSError: [Errno 98] Address already in use" },
    };

    [Theory]
    [MemberData(nameof(Provoked))]
    public void Scenario_ProvokedForReal_IsExplainedWithThisSystemsNumber(string scenario, SocketError error, string errno, int linux, string python)
    {
        var exception = (SocketException)typeof(ErrorScenarios).GetMethod(scenario)!.Invoke(null, null)!;

        Assert.Equal(error, exception.SocketErrorCode);
        var info = SocketErrors.Explain(exception);
        Assert.Equal((errno, python), (info.Errno, info.Python));
        Assert.Equal(exception.NativeErrorCode, info.Number);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(linux, info.Number);
        }
    }

    [Fact]
    public void Explain_TimedOut_NamesTheErrnoTheSystemReallyGave()
    {
        var exception = ErrorScenarios.TimedOut();
        var info = SocketErrors.Explain(exception);

        Assert.Equal(SocketError.TimedOut, info.Error);
        Assert.Equal(exception.NativeErrorCode, info.Number);
        Assert.Contains(info.Errno, new[] { "ETIMEDOUT", "EAGAIN" }); // Linux reports EAGAIN, gVisor ETIMEDOUT
    }

    [Fact]
    public void Explain_LookupErrors_AreGaierror()
    {
        Assert.Equal(("EAI_NONAME", "socket.gaierror"), (SocketErrors.Explain(SocketError.HostNotFound).Errno, SocketErrors.Explain(SocketError.HostNotFound).Python));
        Assert.Null(SocketErrors.Explain(SocketError.TryAgain).Number);
    }

    [Fact]
    public void Explain_UnknownValue_SaysSo()
    {
        Assert.Contains("no note for (12345)", SocketErrors.Explain((SocketError)12345).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ReadsAsOneSentence()
    {
        Assert.StartsWith("ConnectionRefused (ECONNREFUSED", SocketErrors.Explain(SocketError.ConnectionRefused).ToString(), StringComparison.Ordinal);
        Assert.StartsWith("ProcessLimit (Python's OSError)", SocketErrors.Explain(SocketError.ProcessLimit).ToString(), StringComparison.Ordinal);
        Assert.Equal(Every().Count, SocketErrors.Table().Rows.Count);
    }
}
