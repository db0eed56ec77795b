using System.Security.Cryptography;
using System.Text;

namespace NetworkingLessons.Kernel.Messaging;

/// <summary>
/// Signs and checks Jupyter messages: the HMAC-SHA256 of the header, parent header, metadata and
/// content bytes as sent, keyed with the connection file's key, in lower-case hex. An empty key
/// signs with an empty string and checks nothing, as jupyter_client does.
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;

    /// <summary>A signer for <paramref name="key"/> (the connection file's key, as text).</summary>
    public MessageSigner(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>True when messages are signed.</summary>
    public bool IsSigning => _key.Length > 0;

    /// <summary>The signature of the four parts, as the second frame after the delimiter carries it.</summary>
    public byte[] Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsSigning)
        {
            return [];
        }
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parent);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hmac.GetHashAndReset()));
    }

    /// <summary>True when <paramref name="signature"/> is the parts' signature; compared in constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content) =>
        !IsSigning || CryptographicOperations.FixedTimeEquals(signature, Sign(header, parent, metadata, content));
}
