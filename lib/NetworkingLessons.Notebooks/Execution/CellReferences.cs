using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// The assemblies a notebook's cells are compiled against, in three widening steps. Binding a
/// submission looks names up in every assembly it references, so the fewer the sooner it
/// compiles (a trivial cell: bench/README.md). A cell is compiled at the narrowest step its
/// notebook has reached, and at the next when it does not compile there or when it binds to a
/// framework assembly the step does not name (<see cref="Covers"/>); references carry down a
/// script's chain, so a notebook never goes back. The widest step is the whole shared framework,
/// as the .NET Interactive kernel offers it: any <c>System.*</c> namespace works without <c>#r</c>.
/// </summary>
internal sealed class CellReferences
{
    /// <summary>The first step names what the default imports and the console need.</summary>
    internal static readonly ImmutableArray<string> Defaults =
    [
        "System.Private.CoreLib", "System.Runtime", "System.Console", "System.Collections", "System.Linq",
    ];

    /// <summary>
    /// The second step adds what the course's libraries use, with every framework assembly those
    /// reference in turn (what Roslyn would otherwise resolve for a <c>#r</c>'d course library).
    /// </summary>
    internal static readonly ImmutableArray<string> Course =
    [
        "System.Collections.Concurrent", "System.Collections.Immutable", "System.Collections.NonGeneric",
        "System.ComponentModel.Primitives", "System.Diagnostics.Process", "System.IO.Pipelines",
        "System.Linq.Expressions", "System.Memory", "System.Net.NameResolution",
        "System.Net.NetworkInformation", "System.Net.Primitives", "System.Net.Security", "System.Net.Sockets",
        "System.Security.Cryptography", "System.Text.Encoding.Extensions", "System.Text.Json",
        "System.Threading", "System.Threading.Channels", "System.Threading.Thread", "Microsoft.Win32.Primitives",
    ];

    // One set of references for the process: Roslyn keeps what it read of an assembly with its reference.
    private static readonly Lazy<ImmutableArray<PortableExecutableReference>> Framework = new(LoadFramework);
    private static readonly Lazy<FrozenDictionary<string, PortableExecutableReference>> FrameworkByName =
        new(() => Framework.Value.ToFrozenDictionary(r => NameOf(r.FilePath!), StringComparer.OrdinalIgnoreCase));

    // Every assembly the engine brings, framework or not (Roslyn, Markdig), the engine's own name included.
    private readonly FrozenSet<string> _engineClosure;

    /// <summary>Steps for cells that see <paramref name="engine"/> (the globals' and display helpers' assembly).</summary>
    public CellReferences(PortableExecutableReference engine)
    {
        var engineClosure = Closure([NameOf(engine.FilePath!)]);
        _engineClosure = engineClosure.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        ImmutableArray<MetadataReference> Named(IEnumerable<string> names)
        {
            var set = names.ToHashSet(StringComparer.OrdinalIgnoreCase);
            return [.. Framework.Value.Where(r => set.Contains(NameOf(r.FilePath!))), engine];
        }
        Steps = [Named(Defaults), Named(Closure([.. Defaults, .. Course, .. engineClosure])), [.. Framework.Value, engine]];
    }

    /// <summary>The three steps' references, narrowest first; each holds the engine.</summary>
    public ImmutableArray<ImmutableArray<MetadataReference>> Steps { get; }

    /// <summary>
    /// Whether every framework assembly <paramref name="compilation"/> binds to is one that step
    /// <paramref name="step"/> names. A <c>#r</c>'d library brings the framework assemblies it
    /// references with it, resolved one by one; once a wider step names one of them as well,
    /// Roslyn holds two assemblies, and an <c>EndPoint</c> of one is no <c>EndPoint</c> of the
    /// other (lesson 10 met it). Until a notebook loads a library, the engine's own are the
    /// exception: what cells use of the engine (the globals and the display helpers) names only the
    /// core library's types, which every step names (a test holds it to that).
    /// </summary>
    public bool Covers(int step, Compilation compilation)
    {
        var submissions = new HashSet<string>(StringComparer.Ordinal);
        for (var c = compilation; c is not null; c = c.ScriptCompilationInfo?.PreviousScriptCompilation)
        {
            submissions.Add(c.AssemblyName ?? "");
        }
        var referenced = compilation.ReferencedAssemblyNames.Select(a => a.Name).ToList();
        var loadsALibrary = referenced.Any(n => !FrameworkByName.Value.ContainsKey(n) && !_engineClosure.Contains(n) && !submissions.Contains(n));
        var named = Steps[step].OfType<PortableExecutableReference>().Select(r => NameOf(r.FilePath!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return referenced.All(n => named.Contains(n) || !FrameworkByName.Value.ContainsKey(n) || (!loadsALibrary && _engineClosure.Contains(n)));
    }

    /// <summary>The shared framework's assemblies that a cell may name (no native shims), each once.</summary>
    internal static IEnumerable<string> FrameworkFiles()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return TrustedFiles()
            .Where(p => Path.GetDirectoryName(p) == frameworkDirectory)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll"))
            .Where(p => !p.EndsWith(".Native.dll", StringComparison.Ordinal));
    }

    // The runtime's list of assemblies it may load (it lists System.Private.CoreLib twice).
    private static IEnumerable<string> TrustedFiles() =>
        (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal);

    private static string NameOf(string path) => Path.GetFileNameWithoutExtension(path);

    private static ImmutableArray<PortableExecutableReference> LoadFramework() =>
        [.. FrameworkFiles().Select(p => MetadataReference.CreateFromFile(p))];

    // The assemblies named, with every assembly they reference, and so on, as far as the runtime
    // can find them: what Roslyn would resolve for them.
    private static HashSet<string> Closure(IEnumerable<string> names)
    {
        var trusted = TrustedFiles().DistinctBy(NameOf, StringComparer.OrdinalIgnoreCase).ToDictionary(NameOf, StringComparer.OrdinalIgnoreCase);
        var closure = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(names);
        while (pending.TryPop(out var name))
        {
            if (trusted.TryGetValue(name, out var path) && closure.Add(name))
            {
                foreach (var referenced in ReferencesOf(path))
                {
                    pending.Push(referenced);
                }
            }
        }
        return closure;
    }

    private static List<string> ReferencesOf(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        var metadata = reader.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))];
    }
}
