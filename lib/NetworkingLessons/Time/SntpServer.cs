using System.Net;
using System.Net.Sockets;

namespace NetworkingLessons.Time;

/// <summary>
/// The course's own SNTP server on loopback (RFC 4330 §6, RFC 5905): it answers each mode-3 request
/// with a mode-4 reply that copies the request's version and poll and returns its transmit
/// timestamp as the origin; it drops short, garbled and other-mode packets without a word; and it
/// rate-limits each client address, answering a flood with a RATE Kiss-o'-Death at most once a
/// second and dropping the rest. Its clock is this machine's, moved by <see cref="SntpServerOptions.ClockOffset"/>.
/// </summary>
public sealed class SntpServer : IAsyncDisposable, IDisposable
{
    private readonly Socket _socket;
    private readonly SntpServerOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly RateLimiter _limiter;
    private readonly NtpTimestamp _reference;
    private long _answered;
    private long _dropped;
    private long _kissed;
    private long _limited;

    private SntpServer(Socket socket, SntpServerOptions options)
    {
        _socket = socket;
        _options = options;
        _limiter = new RateLimiter(options.Burst, options.RequestsPerSecond);
        _reference = Now();
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        // A thread of its own, blocked in ReceiveFrom: the receive timestamp (T2) is read as the
        // kernel hands a request over, never after a wait for a busy thread pool.
        _serving = Task.Factory.StartNew(Serve, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts a server on <paramref name="endPoint"/> (127.0.0.1 and a free port by default).</summary>
    /// <exception cref="SocketException">The address cannot be bound (in use, or a port below 1024 without the right).</exception>
    public static SntpServer Start(IPEndPoint? endPoint = null, SntpServerOptions? options = null)
    {
        options ??= new SntpServerOptions();
        options.Validate();
        var bind = endPoint ?? new IPEndPoint(IPAddress.Loopback, 0);
        var socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(bind);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        Wire.PayloadProtocols.ServeNtpOn(bound.Port);
        PollSchedule.Shared.Forget(bound); // a kiss from an earlier server on this port was not this one's
        return new SntpServer(socket, options);
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Requests answered with the time.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Datagrams dropped: too short, not version 1 to 4, not mode 3, or over the rate limit after the client was kissed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>RATE Kiss-o'-Death replies sent.</summary>
    public long Kissed => Interlocked.Read(ref _kissed);

    /// <summary>Requests over a client's rate limit (kissed or dropped).</summary>
    public long RateLimited => Interlocked.Read(ref _limited);

    /// <summary>Raised for each datagram, with what the server did about it; for <c>lessons serve</c> to log. Runs on the server's loop: keep it short.</summary>
    public event Action<IPEndPoint, string>? Served;

    private NtpTimestamp Now() => NtpTimestamp.FromDateTime(DateTime.UtcNow + _options.ClockOffset);

    private void Serve()
    {
        var buffer = new byte[2048];
        var any = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            EndPoint from = any;
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // an ICMP error for an earlier reply, or a datagram too big: the next one may be fine
            }
            var receive = Now();
            try
            {
                Handle(buffer.AsSpan(0, received), (IPEndPoint)from, receive);
            }
            catch (SocketException)
            {
                // A reply that could not be sent concerns that client only.
            }
        }
    }

    private void Handle(ReadOnlySpan<byte> datagram, IPEndPoint client, NtpTimestamp receive)
    {
        if (datagram.Length < NtpPacket.Size)
        {
            Drop(client, $"dropped: {datagram.Length} bytes, shorter than an NTP packet");
            return;
        }
        var request = NtpPacket.Parse(datagram);
        if (request.Mode != NtpMode.Client || request.Version is < 1 or > NtpPacket.CurrentVersion)
        {
            Drop(client, $"dropped: version {request.Version}, mode {(int)request.Mode}; this server answers mode 3, versions 1 to 4");
            return;
        }
        switch (_limiter.Admit(client.Address, DateTime.UtcNow))
        {
            case RateLimiter.Verdict.Kiss:
                Interlocked.Increment(ref _limited);
                Interlocked.Increment(ref _kissed);
                Send(Reply(request, receive, kiss: true), client);
                Served?.Invoke(client, "over the rate limit: sent a RATE Kiss-o'-Death");
                return;
            case RateLimiter.Verdict.Drop:
                Interlocked.Increment(ref _limited);
                Drop(client, "dropped: over the rate limit, kissed less than a second ago");
                return;
        }
        Interlocked.Increment(ref _answered); // counted first: a client that has its reply sees it counted
        Send(Reply(request, receive, kiss: false), client);
        Served?.Invoke(client, $"answered a version {request.Version} request");
    }

    private void Drop(IPEndPoint client, string why)
    {
        Interlocked.Increment(ref _dropped);
        Served?.Invoke(client, why);
    }

    private NtpPacket Reply(NtpPacket request, NtpTimestamp receive, bool kiss) => new()
    {
        Leap = kiss ? LeapIndicator.Unsynchronized : _options.Leap,
        Version = request.Version,
        Mode = NtpMode.Server,
        Stratum = kiss ? (byte)0 : _options.Stratum,
        Poll = request.Poll,
        Precision = SntpServerOptions.Precision,
        ReferenceId = NtpPacket.AsciiReferenceId(kiss ? KissCodes.Rate : _options.ReferenceId),
        Reference = kiss ? NtpTimestamp.Zero : _reference,
        Origin = request.Transmit,
        Receive = receive,
        Transmit = Now(),
    };

    private void Send(NtpPacket reply, IPEndPoint client) => _socket.SendTo(reply.ToBytes(), client);

    /// <summary>Stops the server and waits for its loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        _socket.Dispose();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>"SNTP server on 127.0.0.1:40123: 5 answered, 0 dropped, 0 rate-limited".</summary>
    public override string ToString() => $"SNTP server on {EndPoint}: {Answered} answered, {Dropped} dropped, {RateLimited} rate-limited";
}
