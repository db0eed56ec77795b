using System.Net;

namespace NetworkingLessons.Time;

/// <summary>An SNTP query that gave no usable time: which server, what went wrong, and for a Kiss-o'-Death its code.</summary>
public sealed class SntpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SntpException(SntpProblem problem, IPEndPoint? server, string message, string? kissCode = null)
        : base(message)
    {
        Problem = problem;
        Server = server;
        KissCode = kissCode;
    }

    /// <summary>Creates the exception with no details.</summary>
    public SntpException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public SntpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public SntpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public SntpProblem Problem { get; }

    /// <summary>The server asked.</summary>
    public IPEndPoint? Server { get; }

    /// <summary>The Kiss-o'-Death code (DENY, RSTR, RATE…), when the server sent one.</summary>
    public string? KissCode { get; }
}
