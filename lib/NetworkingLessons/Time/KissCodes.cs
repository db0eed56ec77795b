namespace NetworkingLessons.Time;

/// <summary>The Kiss-o'-Death codes of RFC 5905 §7.4 that a client must act on, and what they mean.</summary>
public static class KissCodes
{
    /// <summary>Access denied: stop asking this server.</summary>
    public const string Deny = "DENY";

    /// <summary>Access restricted: stop asking this server.</summary>
    public const string Restrict = "RSTR";

    /// <summary>Rate exceeded: ask less often.</summary>
    public const string Rate = "RATE";

    /// <summary>What <paramref name="code"/> asks of the client, in one sentence.</summary>
    public static string Meaning(string code) => code switch
    {
        Deny => "access denied; this client must stop asking this server.",
        Restrict => "access restricted; this client must stop asking this server.",
        Rate => "rate exceeded; this client must ask less often.",
        _ => "a code this client does not act on; the reply is still not a time.",
    };
}
