namespace NetworkingLessons.Hosts;

/// <summary>A host name that breaks the rules of RFC 1123 before any lookup is tried; the message names the name and the rule.</summary>
public sealed class InvalidHostNameException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="name"/>.</summary>
    public InvalidHostNameException(string name, string problem)
        : base($"'{Shorten(name)}' is not a valid host name: {problem}", "name") => Name = name;

    /// <summary>The rejected name.</summary>
    public string Name { get; }

    private static string Shorten(string name) => name.Length <= 80 ? name : name[..40] + "…" + name[^20..];
}
