namespace NetworkingLessons.Hosts;

/// <summary>The rules a host name must keep (RFC 1123 §2.1, RFC 1035 §2.3.4), checked before any lookup.</summary>
public static class HostName
{
    /// <summary>The longest a name may be, in characters, without a trailing dot.</summary>
    public const int MaxLength = 253;

    /// <summary>The longest one label (the part between dots) may be.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Checks <paramref name="name"/>, throwing with the rule it breaks.</summary>
    /// <exception cref="InvalidHostNameException">Empty, too long, a label empty or too long, or a character other than letters, digits and hyphens, or a label starting or ending with a hyphen.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Problem(name) is string problem)
        {
            throw new InvalidHostNameException(name, problem);
        }
    }

    /// <summary>True when <paramref name="name"/> keeps the rules.</summary>
    public static bool IsValid(string? name) => name is not null && Problem(name) is null;

    private static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty.";
        }
        var trimmed = name.EndsWith('.') ? name[..^1] : name; // a trailing dot marks a fully qualified name
        if (trimmed.Length > MaxLength)
        {
            return $"it is {trimmed.Length} characters long; the limit is {MaxLength}.";
        }
        var labels = trimmed.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label.Length == 0)
            {
                return $"label {i + 1} is empty (two dots in a row, or a leading dot).";
            }
            if (label.Length > MaxLabelLength)
            {
                return $"label {i + 1} is {label.Length} characters long; the limit is {MaxLabelLength}.";
            }
            var bad = label.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c == '-'));
            if (bad != default)
            {
                return bad == ' '
                    ? "it contains a space."
                    : $"it contains '{bad}' (U+{(int)bad:X4}); only letters, digits and hyphens may appear between the dots.";
            }
            if (label.StartsWith('-') || label.EndsWith('-'))
            {
                return $"label {i + 1} ('{label}') starts or ends with a hyphen.";
            }
        }
        return null;
    }
}
