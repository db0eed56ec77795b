using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Echo;

/// <summary>
/// A UDP server for lesson 11's checks that answers only one request of several, so that a client
/// must ask again; that times the pauses between the requests it gets; and that can have an
/// impostor reply first from another port. It sits in this process, on loopback.
/// </summary>
public static class UdpTestbench
{
    /// <summary>The reply the server sends to a question: "re: " and the question.</summary>
    public static string ReplyTo(string question) => "re: " + question;

    /// <summary>What the impostor sends, just before the server's own reply.</summary>
    public const string Forgery = "forged";

    /// <summary>
    /// Runs <paramref name="ask"/> with a fresh UDP socket on 127.0.0.1 and the server's endpoint.
    /// The server answers request number <paramref name="answerOn"/> (from 1; null: none), and
    /// with <paramref name="impostor"/> a socket on another port sends <see cref="Forgery"/> to the
    /// client just before that answer. Returns what the client did, and the pauses between requests.
    /// </summary>
    /// <exception cref="NotImplementedException">The answer is still the stub (passed on).</exception>
    public static UdpAsking Ask(Func<Socket, EndPoint, string> ask, int? answerOn = 1, bool impostor = false)
    {
        ArgumentNullException.ThrowIfNull(ask);
        if (answerOn is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(answerOn), answerOn, "Requests are numbered from 1.");
        }
        using var server = Bound();
        using var forger = Bound();
        using var client = Bound();
        using var stop = new CancellationTokenSource();
        var arrivals = new List<double>();
        var clock = Stopwatch.StartNew();
        var serving = Task.Run(() =>
        {
            var buffer = new byte[2048];
            server.ReceiveTimeout = 100;
            // Once stopped, still count what is queued: a server task that the thread pool started
            // late must not miss the requests that arrived before it ran.
            while (!stop.IsCancellationRequested || server.Available > 0)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n;
                try
                {
                    n = server.ReceiveFrom(buffer, ref from);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.ConnectionReset or SocketError.ConnectionRefused)
                {
                    continue;
                }
                int number;
                lock (arrivals)
                {
                    arrivals.Add(clock.Elapsed.TotalMilliseconds);
                    number = arrivals.Count;
                }
                if (number == answerOn)
                {
                    if (impostor)
                    {
                        forger.SendTo(Encoding.UTF8.GetBytes(Forgery), from);
                    }
                    server.SendTo(Encoding.UTF8.GetBytes(ReplyTo(Encoding.UTF8.GetString(buffer, 0, n))), from);
                }
            }
        });
        var asking = Task.Run(() => ask(client, server.LocalEndPoint!));
        string outcome;
        try
        {
            outcome = asking.Wait(Testbench.Deadline)
                ? $"answered \"{asking.Result}\""
                : $"still waiting after {Testbench.Deadline.TotalSeconds:0} s";
        }
        catch (AggregateException ex) when (ex.InnerException is TimeoutException)
        {
            outcome = "gave up with TimeoutException";
        }
        catch (AggregateException ex) when (ex.InnerException is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw; // not reached
        }
        finally
        {
            stop.Cancel();
            serving.Wait(Testbench.Deadline);
        }
        lock (arrivals)
        {
            var pauses = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();
            return new UdpAsking(outcome, arrivals.Count, pauses);
        }
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
