using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace NetworkingLessons.Time;

/// <summary>
/// An SNTP client (RFC 4330), careful as the RFC asks: each reply must come from the server asked,
/// carry the request's transmit timestamp back as its origin (so a stale or forged packet is
/// thrown away), be a version-matched mode-4 reply with real timestamps from a synchronised
/// server, and not be a Kiss-o'-Death. Attempts and their timeouts are bounded, and no server
/// beyond this machine is asked more often than once per <see cref="MinimumPollInterval"/>.
/// </summary>
public static class SntpClient
{
    /// <summary>RFC 4330 §10: "A client MUST NOT under any conditions use a poll interval less than 15 seconds."</summary>
    public static readonly TimeSpan MinimumPollInterval = TimeSpan.FromSeconds(15);

    /// <summary>How long one attempt waits for its reply unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The most attempts one query may make.</summary>
    public const int MaxAttempts = 5;

    private const int ReceiveBufferSize = 1024;

    /// <summary>Asks <paramref name="server"/> for the time.</summary>
    /// <param name="server">The server's address and port.</param>
    /// <param name="timeout">How long the first attempt waits; each retry waits twice as long as the one before. 10 ms to 10 s.</param>
    /// <param name="attempts">How many requests to send at most, 1 to <see cref="MaxAttempts"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SntpException">No usable reply; <see cref="SntpException.Problem"/> says why.</exception>
    public static async Task<SntpReply> QueryAsync(IPEndPoint server, TimeSpan? timeout = null, int attempts = 2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var wait = timeout ?? DefaultTimeout;
        if (wait < TimeSpan.FromMilliseconds(10) || wait > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "An SNTP attempt waits from 10 ms to 10 s.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attempts, MaxAttempts);
        PollSchedule.Shared.Book(server);
        cancellationToken.ThrowIfCancellationRequested();
        // T1 to T4 are read on one thread that blocks in the receive itself, so T4 is read the
        // moment the kernel hands the reply over: a continuation after an asynchronous receive
        // could run much later on a busy thread pool, and every millisecond it waited would count
        // as half a millisecond of offset. (A thread of its own per query costs more than the
        // round trip on loopback.)
        return await Task.Run(() => Query(server, wait, attempts, cancellationToken), CancellationToken.None);
    }

    private static SntpReply Query(IPEndPoint server, TimeSpan wait, int attempts, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var stop = cancellationToken.Register(socket.Dispose);
        var any = new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var buffer = new byte[ReceiveBufferSize];
        var ignored = new Ignored();
        try
        {
            socket.Bind(any);
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                var request = NtpPacket.ClientRequest(Unpredictable(NtpTimestamp.Now));
                socket.SendTo(request.ToBytes(), server);
                var deadline = DateTime.UtcNow + wait * (1 << attempt);
                while (deadline - DateTime.UtcNow is { TotalMilliseconds: >= 1 } left)
                {
                    socket.ReceiveTimeout = (int)Math.Ceiling(left.TotalMilliseconds);
                    EndPoint from = any;
                    int received;
                    try
                    {
                        received = socket.ReceiveFrom(buffer, ref from);
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
                    {
                        break; // this attempt timed out; the next waits longer
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
                    {
                        ignored.Unreachable = true; // an ICMP "port unreachable" for this request: nothing listens there
                        continue;
                    }
                    var arrival = NtpTimestamp.Now;
                    if (Accept(server, request, buffer.AsSpan(0, received), (IPEndPoint)from, arrival, ignored) is { } reply)
                    {
                        return reply;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The SNTP query was cancelled.", ex, cancellationToken);
        }
        var total = Enumerable.Range(0, attempts).Sum(i => wait.TotalSeconds * (1 << i));
        throw new SntpException(SntpProblem.NoReply, server, string.Create(CultureInfo.InvariantCulture,
            $"No usable reply from {server} to {attempts} request{(attempts == 1 ? "" : "s")} in {total:0.###} s{ignored}."));
    }

    /// <summary>Looks <paramref name="host"/> up (offline: hosts file and the names RFC 6761 reserves only) and asks its first address.</summary>
    /// <exception cref="Hosts.HostLookupException">The name has no address.</exception>
    /// <exception cref="SntpException">No usable reply.</exception>
    public static async Task<SntpReply> QueryAsync(string host, int port = NtpPacket.Port, TimeSpan? timeout = null, int attempts = 2, CancellationToken cancellationToken = default)
    {
        Services.Ports.Validate(port);
        var entry = await Hosts.Resolver.LookupAsync(host, timeout: null, cancellationToken);
        var address = entry.Addresses.FirstOrDefault() ?? throw new Hosts.HostLookupException(host, SocketError.NoData, $"'{host}' has no address.");
        return await QueryAsync(new IPEndPoint(address, port), timeout, attempts, cancellationToken);
    }

    /// <summary>
    /// Checks one datagram against the request (RFC 4330 §5): null when it is to be ignored (another
    /// sender, too short, not the answer to this request) and waiting goes on; throws when the server
    /// answered but its answer cannot be used.
    /// </summary>
    internal static SntpReply? Accept(IPEndPoint server, NtpPacket request, ReadOnlySpan<byte> datagram, IPEndPoint from, NtpTimestamp arrival, Ignored ignored)
    {
        if (!from.Equals(server) && !(from.Address.IsIPv4MappedToIPv6 && new IPEndPoint(from.Address.MapToIPv4(), from.Port).Equals(server)))
        {
            ignored.OtherSenders++;
            return null;
        }
        if (datagram.Length < NtpPacket.Size)
        {
            ignored.Short++;
            return null;
        }
        var reply = NtpPacket.Parse(datagram);
        if (reply.Origin != request.Transmit)
        {
            ignored.WrongOrigin++; // a reply to an earlier request, a replay, or a forgery
            return null;
        }
        if (reply.IsKissOfDeath)
        {
            var code = reply.KissCode ?? "";
            PollSchedule.Shared.Kissed(server, code);
            throw new SntpException(SntpProblem.KissOfDeath, server, $"{server} sent a Kiss-o'-Death, code {(code.Length == 0 ? "(none)" : code)}: {KissCodes.Meaning(code)} Its timestamps are not used.", code);
        }
        if (reply.Mode != NtpMode.Server)
        {
            throw new SntpException(SntpProblem.NotAServerReply, server, $"{server} replied in mode {(int)reply.Mode} ({reply.Mode}); a server's reply is mode 4.");
        }
        if (reply.Version != request.Version)
        {
            throw new SntpException(SntpProblem.VersionMismatch, server, $"{server} replied with version {reply.Version} to a version {request.Version} request; a server answers in the client's version.");
        }
        if (reply.Leap == LeapIndicator.Unsynchronized || reply.Stratum >= 16)
        {
            throw new SntpException(SntpProblem.Unsynchronized, server,
                $"{server} says its clock is not synchronised (leap indicator {(int)reply.Leap}, stratum {reply.Stratum}); its time cannot be trusted.");
        }
        if (reply.Receive.IsZero || reply.Transmit.IsZero)
        {
            throw new SntpException(SntpProblem.ZeroTimestamp, server, $"{server} replied with a zero {(reply.Receive.IsZero ? "receive" : "transmit")} timestamp.");
        }
        return new SntpReply(server, request, reply, arrival);
    }

    // The lowest 8 bits of the fraction (under 60 ns) are below the clock's 100 ns resolution:
    // random there, they make the origin a forger must echo hard to guess.
    private static NtpTimestamp Unpredictable(NtpTimestamp t) => t with { Fraction = (t.Fraction & ~0xFFu) | (uint)RandomNumberGenerator.GetInt32(256) };

    /// <summary>What a query threw away while it waited, for the message when no usable reply came.</summary>
    internal sealed class Ignored
    {
        public int OtherSenders { get; set; }

        public int Short { get; set; }

        public int WrongOrigin { get; set; }

        public bool Unreachable { get; set; }

        public override string ToString()
        {
            var parts = new List<string>();
            if (Unreachable)
            {
                parts.Add("the system reported the port unreachable (nothing listens there)");
            }
            if (WrongOrigin > 0)
            {
                parts.Add($"{WrongOrigin} reply whose origin timestamp was not the request's (stale, replayed or forged) was thrown away");
            }
            if (Short > 0)
            {
                parts.Add($"{Short} datagram shorter than 48 bytes was thrown away");
            }
            if (OtherSenders > 0)
            {
                parts.Add($"{OtherSenders} datagram from another address or port was ignored");
            }
            return parts.Count == 0 ? "" : "; " + string.Join("; ", parts);
        }
    }
}
