using System.Net;

namespace NetworkingLessons.Echo;

/// <summary>An echo server found for a lesson: where it is, whether it is the embedded stand-in, and why.</summary>
/// <param name="EndPoint">Where to connect.</param>
/// <param name="IsEmbedded">True for the course's own server on loopback.</param>
/// <param name="Note">Which server this is and why: what the lesson prints.</param>
public sealed record EchoServerChoice(IPEndPoint EndPoint, bool IsEmbedded, string Note)
{
    /// <inheritdoc/>
    public override string ToString() => Note;
}
