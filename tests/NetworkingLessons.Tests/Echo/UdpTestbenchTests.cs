using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Echo;

namespace NetworkingLessons.Tests.Echo;

/// <summary>Lesson 11's server: it tells a client that backs off and checks the sender from each pitfall, and a stub's exception comes out.</summary>
public sealed class UdpTestbenchTests
{
    private static string Backoff(Socket socket, EndPoint server, string question, int attempts, TimeSpan firstWait, bool checkSender = true, bool doubling = true)
    {
        var request = Encoding.UTF8.GetBytes(question);
        var reply = new byte[2048];
        var wait = firstWait;
        for (var attempt = 1; attempt <= attempts; attempt++, wait = doubling ? wait * 2 : wait)
        {
            socket.SendTo(request, server);
            var deadline = DateTime.UtcNow + wait;
            while (deadline - DateTime.UtcNow is { TotalMilliseconds: >= 1 } left)
            {
                socket.ReceiveTimeout = (int)left.TotalMilliseconds;
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n;
                try
                {
                    n = socket.ReceiveFrom(reply, ref from);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
                {
                    break;
                }
                if (!checkSender || from.Equals(server))
                {
                    return Encoding.UTF8.GetString(reply, 0, n);
                }
            }
        }
        throw new TimeoutException();
    }

    [Fact]
    public void AClientThatAsksAgain_IsAnsweredOnTheRequestAsked()
    {
        // 400 ms, then 800: a first pause made late by a loaded machine (a CI run saw 100 ms become 173) still leaves the second 1.5 times as long.
        var asking = UdpTestbench.Ask((s, server) => Backoff(s, server, "time?", 4, TimeSpan.FromMilliseconds(400)), answerOn: 3);

        Assert.Equal("answered \"re: time?\"", asking.Outcome);
        Assert.Equal(3, asking.Requests);
        Assert.Equal(2, asking.PausesMilliseconds.Count);
        Assert.True(asking.WaitsGrow, asking.ToString());
    }

    [Fact]
    public void AClientThatWaitsTheSameEachTime_DoesNotGrowItsWaits()
    {
        var asking = UdpTestbench.Ask((s, server) => Backoff(s, server, "time?", 4, TimeSpan.FromMilliseconds(300), doubling: false), answerOn: 3);

        Assert.Equal("answered \"re: time?\"", asking.Outcome);
        Assert.False(asking.WaitsGrow, asking.ToString());
    }

    [Fact]
    public void AClientThatTakesAnyDatagram_TakesTheImpostors()
    {
        var asking = UdpTestbench.Ask((s, server) => Backoff(s, server, "time?", 2, TimeSpan.FromMilliseconds(500), checkSender: false), impostor: true);

        Assert.Equal($"answered \"{UdpTestbench.Forgery}\"", asking.Outcome);
    }

    [Fact]
    public void AClientThatChecksTheSender_IgnoresTheImpostor()
    {
        var asking = UdpTestbench.Ask((s, server) => Backoff(s, server, "time?", 2, TimeSpan.FromMilliseconds(500)), impostor: true);

        Assert.Equal("answered \"re: time?\"", asking.Outcome);
        Assert.Equal(1, asking.Requests);
    }

    [Fact]
    public void AConnectedSocket_LetsTheKernelDropTheImpostor()
    {
        static string Connected(Socket socket, EndPoint server)
        {
            socket.Connect(server);
            socket.Send("time?"u8);
            socket.ReceiveTimeout = 2000;
            var reply = new byte[64];
            return Encoding.UTF8.GetString(reply, 0, socket.Receive(reply));
        }

        Assert.Equal("answered \"re: time?\"", UdpTestbench.Ask(Connected, impostor: true).Outcome);
    }

    [Fact]
    public void AClientThatGivesUp_SaysSo_AfterItsAttempts()
    {
        var asking = UdpTestbench.Ask((s, server) => Backoff(s, server, "time?", 3, TimeSpan.FromMilliseconds(30)), answerOn: null);

        Assert.Equal("gave up with TimeoutException", asking.Outcome);
        Assert.Equal(3, asking.Requests);
    }

    [Fact]
    public void AClientThatNeverGivesUp_IsCutOffAtTheDeadline()
    {
        static string Forever(Socket socket, EndPoint server)
        {
            socket.SendTo("time?"u8, server);
            return socket.Receive(new byte[64]).ToString(System.Globalization.CultureInfo.InvariantCulture); // no timeout: ends when the bench closes the socket
        }

        Assert.Equal($"still waiting after {NetworkingLessons.Sockets.Testbench.Deadline.TotalSeconds:0} s", UdpTestbench.Ask(Forever, answerOn: null).Outcome);
    }

    [Fact]
    public void AStub_IsPassedOn()
    {
        Assert.Throws<NotImplementedException>(() => UdpTestbench.Ask((_, _) => throw new NotImplementedException()));
    }

    [Fact]
    public void AnotherException_IsPassedOnAsItIs()
    {
        Assert.Throws<InvalidOperationException>(() => UdpTestbench.Ask((_, _) => throw new InvalidOperationException()));
    }

    [Fact]
    public void RequestNumbers_StartAtOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UdpTestbench.Ask((_, _) => "", answerOn: 0));
    }

    [Theory]
    [InlineData(new double[] { }, false)]
    [InlineData(new double[] { 100 }, false)]
    [InlineData(new double[] { 100, 200 }, true)]
    [InlineData(new double[] { 100, 149 }, false)]
    [InlineData(new double[] { 100, 150, 225 }, true)]
    [InlineData(new double[] { 100, 200, 250 }, false)]
    public void WaitsGrow_WhenEachPauseIsAtLeastOneAndAHalfTimesTheLast(double[] pauses, bool grows)
    {
        Assert.Equal(grows, new UdpAsking("answered", pauses.Length + 1, pauses).WaitsGrow);
    }

    [Fact]
    public void ToString_NamesTheRequestsTheirPausesAndTheOutcome()
    {
        Assert.Equal("3 requests, 201 and 399 ms apart: gave up with TimeoutException", new UdpAsking("gave up with TimeoutException", 3, [201.2, 399.4]).ToString());
        Assert.Equal("1 request: answered \"x\"", new UdpAsking("answered \"x\"", 1, []).ToString());
    }
}
