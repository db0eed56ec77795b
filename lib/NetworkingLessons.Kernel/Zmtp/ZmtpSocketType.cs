namespace NetworkingLessons.Kernel.Zmtp;

/// <summary>The socket types of RFC 28/29 that Jupyter uses, as READY's Socket-Type names them, and which may talk to which.</summary>
public static class ZmtpSocketType
{
    /// <summary>Routes each message by the identity of the connection it came from (the kernel's shell, control and stdin).</summary>
    public const string Router = "ROUTER";
    /// <summary>A client's shell, control and stdin socket.</summary>
    public const string Dealer = "DEALER";
    /// <summary>Publishes to every subscriber whose subscription prefixes the message (the kernel's iopub).</summary>
    public const string Publisher = "PUB";
    /// <summary>A client's iopub socket.</summary>
    public const string Subscriber = "SUB";
    /// <summary>Answers each request (the kernel's heartbeat).</summary>
    public const string Reply = "REP";
    /// <summary>A client's heartbeat socket.</summary>
    public const string Request = "REQ";

    /// <summary>True when a socket of type <paramref name="ours"/> may talk to one of type <paramref name="theirs"/> (RFC 28, 29; as libzmq checks).</summary>
    public static bool IsCompatible(string ours, string theirs) => ours switch
    {
        Router => theirs is Dealer or Request or Router,
        Publisher => theirs is Subscriber or "XSUB",
        Reply => theirs is Request or Dealer or Router,
        _ => false,
    };
}
