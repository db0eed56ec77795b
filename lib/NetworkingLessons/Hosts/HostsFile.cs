using System.Net;

namespace NetworkingLessons.Hosts;

/// <summary>
/// The hosts file (<c>/etc/hosts</c>): the machine's own table of names, which the resolver reads
/// before asking DNS. Each line is an address, a canonical name, then aliases; <c>#</c> starts a comment.
/// </summary>
public sealed class HostsFile
{
    /// <summary>Where Linux and macOS keep it.</summary>
    public const string DefaultPath = "/etc/hosts";

    private HostsFile(string source, IReadOnlyList<HostsEntry> entries)
    {
        Source = source;
        Entries = entries;
    }

    /// <summary>The file read, or a note saying there was none.</summary>
    public string Source { get; }

    /// <summary>The lines that hold an address and at least one name, in file order.</summary>
    public IReadOnlyList<HostsEntry> Entries { get; }

    /// <summary>Reads the hosts file; a missing file gives an empty table whose <see cref="Source"/> says so.</summary>
    public static HostsFile Load(string path = DefaultPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.Exists(path)
            ? Parse(File.ReadAllText(path), path)
            : new HostsFile($"{path} (not found: no names but those of the loopback)", []);
    }

    /// <summary>Parses hosts-file text; lines without a valid address or a name are skipped.</summary>
    public static HostsFile Parse(string text, string source = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<HostsEntry>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0];
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && IPAddress.TryParse(fields[0], out var address) && fields[0].Contains(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? '.' : ':'))
            {
                entries.Add(new HostsEntry(address, fields[1], fields[2..]));
            }
        }
        return new HostsFile(source, entries);
    }

    /// <summary>The entries that name <paramref name="name"/> (as canonical name or alias, ignoring case).</summary>
    public IEnumerable<HostsEntry> Find(string name) =>
        Entries.Where(e => string.Equals(e.CanonicalName, name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
            || e.Aliases.Any(a => string.Equals(a, name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)));

    /// <summary>The entries for <paramref name="address"/>.</summary>
    public IEnumerable<HostsEntry> Find(IPAddress address) => Entries.Where(e => e.Address.Equals(address));

    /// <summary>
    /// What this file alone says about <paramref name="name"/>, as the C library's hosts-file lookup
    /// answers: the first line naming the host gives the canonical name and aliases, every line
    /// naming it an address. Null when no line names it. Asks nothing of the network.
    /// </summary>
    public HostEntry? Lookup(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lines = Find(name).ToList();
        return lines.Count == 0
            ? null
            : new HostEntry(lines[0].CanonicalName, lines[0].Aliases, [.. lines.Select(e => e.Address).Distinct()], $"the hosts file ({Source})");
    }

    /// <summary>The name this file gives <paramref name="address"/> (its first line for it), or null.</summary>
    public HostEntry? ReverseLookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Find(address).FirstOrDefault() is { } line
            ? new HostEntry(line.CanonicalName, line.Aliases, [address], $"the hosts file ({Source})")
            : null;
    }

    /// <summary>The entries, as a table.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() =>
        Display.Table.Of(Entries.Select(e => new { e.Address, Name = e.CanonicalName, Aliases = string.Join(" ", e.Aliases) })).ToMimeBundle();
}

/// <summary>One line of a hosts file.</summary>
/// <param name="Address">The address the names stand for.</param>
/// <param name="CanonicalName">The first name on the line.</param>
/// <param name="Aliases">The other names.</param>
public sealed record HostsEntry(IPAddress Address, string CanonicalName, IReadOnlyList<string> Aliases);
