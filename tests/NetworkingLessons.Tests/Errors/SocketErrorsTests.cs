using System.Net.Sockets;
using NetworkingLessons.Errors;
using NetworkingLessons.TestSupport;

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
        Assert.Matches(@"^[a-z(].+\.$", info.Cause); // a clause after "Cause:", ending in a full stop
        Assert.Matches(@"^(|E[A-Z]+|EAI_[A-Z]+)$", info.Errno);
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

    /// <summary>
    /// Python's own tables on this machine: <c>errno</c> for each C name's number, the OSError
    /// subclass Python raises for that number, and <c>socket</c> for the getaddrinfo codes. Python
    /// reads the numbers from the same C headers, so this holds on Linux and macOS alike.
    /// </summary>
    [PeerFact(Peer.Python)]
    public async Task Explain_EveryErrno_HasThisSystemsNumberAndPythonsException()
    {
        var named = SocketErrors.All.Where(i => i.Errno.Length > 0).ToList();
        var script = """
            import errno, socket, sys
            for name in sys.argv[1:]:
                if name.startswith("EAI_"):
                    print(name, hasattr(socket, name), "gaierror")
                else:
                    number = getattr(errno, name)
                    print(name, number, type(OSError(number, "")).__name__)
            """;
        var (code, stdout, stderr) = await TestSupport.Peers.RunAsync("python3", ["-c", script, .. named.Select(i => i.Errno)]);
        Assert.True(code == 0, stderr);

        var python = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToList();
        Assert.Equal(named.Count, python.Count);
        foreach (var (info, row) in named.Zip(python))
        {
            var exception = info.Python.Split(' ', ':')[0];
            if (info.Errno.StartsWith("EAI_", StringComparison.Ordinal))
            {
                Assert.Equal((info.Errno, "True", "socket.gaierror"), (row[0], row[1], exception));
                Assert.Null(info.Number);
            }
            else
            {
                Assert.Equal((info.Errno, row[1], row[2]), (row[0], info.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture), exception));
            }
        }
    }

    [Fact]
    public void Explain_ErrorsWithoutACName_HaveNoNumberHere_ButSuccessIsZero()
    {
        var unnamed = SocketErrors.All.Where(i => i.Errno.Length == 0).ToList();

        Assert.Equal(
            new HashSet<SocketError>
            {
                SocketError.Success, SocketError.SocketError, SocketError.ProcessLimit, SocketError.SystemNotReady, SocketError.VersionNotSupported,
                SocketError.NotInitialized, SocketError.Disconnecting, SocketError.TypeNotFound, SocketError.IOPending,
            },
            unnamed.Select(i => i.Error).ToHashSet());
        Assert.All(unnamed.Where(i => i.Error != SocketError.Success), i => Assert.Null(i.Number));
        Assert.Equal(0, SocketErrors.Explain(SocketError.Success).Number);
        Assert.Equal("(no exception)", SocketErrors.Explain(SocketError.Success).Python);
    }

    [Fact]
    public void Explain_AnExceptionWhoseErrnoIsTheUsualOne_IsTheValuesExplanation()
    {
        var refused = ErrorScenarios.Refused();

        Assert.Equal(SocketErrors.Explain(SocketError.ConnectionRefused), SocketErrors.Explain(refused));
    }

    [Fact]
    public void Explain_AnExceptionMadeFromWindowsNumber_IsThisSystemsErrno()
    {
        // new SocketException(10061) takes Windows' number for ConnectionRefused; .NET gives it this system's errno.
        var info = SocketErrors.Explain(new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(SocketErrors.Explain(SocketError.ConnectionRefused), info);
    }

    [Fact]
    public void Explain_ALookupException_KeepsTheGetaddrinfoCode_WhateverItsNativeNumber()
    {
        var info = SocketErrors.Explain(new SocketException((int)SocketError.HostNotFound));

        Assert.Equal(SocketErrors.Explain(SocketError.HostNotFound), info);
        Assert.Equal("HostNotFound (EAI_NONAME, Python's socket.gaierror): the name does not exist (or offline, it is not in the hosts file). Try: check the spelling; an offline lesson answers only from the hosts file.", info.ToString());
    }

    [Fact]
    public void Explain_NoException_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SocketErrors.Explain((SocketException)null!));
    }

    [Fact]
    public void Table_ShowsTheErrnoWithItsNumber_OrAloneWhereItHasNone()
    {
        var rows = SocketErrors.Table().Rows;

        Assert.Equal(["Error", "Errno", "Python", "Cause"], SocketErrors.Table().Columns);
        Assert.Equal(OperatingSystem.IsLinux() ? "ECONNREFUSED 111" : "ECONNREFUSED 61", rows.Single(r => r[0] == "ConnectionRefused")[1]);
        Assert.Equal("EAI_NONAME", rows.Single(r => r[0] == "HostNotFound")[1]);
        Assert.Equal("", rows.Single(r => r[0] == "ProcessLimit")[1]);
        Assert.Equal(SocketErrors.Explain(SocketError.MessageSize).Cause, rows.Single(r => r[0] == "MessageSize")[3]); // no cell limit: causes are long
    }

    [Fact]
    public void Explain_UnknownValue_SaysSo()
    {
        Assert.Equal(
            new SocketErrorInfo((SocketError)12345, "", null, "OSError", "an error this course has no note for (12345).", "read the exception's message."),
            SocketErrors.Explain((SocketError)12345));
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
