using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Cli.Grading;

/// <summary>
/// The grader's verdict on a submission's <c>Returns</c> checks (<see cref="CheckProbes"/>): what
/// the student's calls returned, as the worker recorded it, against the expected values recorded
/// by a run of the instructor's source. Values are compared as written (type and content), so no
/// code of the student's, no <c>Equals</c> and no conversion of theirs, takes part; integers and
/// floating-point numbers compare by value across their .NET types, as C# converts them.
/// </summary>
internal static class ProbeVerdict
{
    private static readonly HashSet<string> Integers =
    [
        "System.SByte", "System.Byte", "System.Int16", "System.UInt16", "System.Int32", "System.UInt32",
        "System.Int64", "System.UInt64", "System.Int128", "System.UInt128",
    ];

    private static readonly HashSet<string> Reals = ["System.Single", "System.Double", "System.Decimal"];

    /// <summary>
    /// The probes in a file written by a worker that may be hostile, by id: null when the file is
    /// over <paramref name="maxBytes"/>, holds a line that is not a probe, repeats one or names one
    /// that <paramref name="known"/> does not hold. A missing file is no probes.
    /// </summary>
    public static Dictionary<string, JsonObject>? Read(string path, long maxBytes, IReadOnlySet<string> known)
    {
        var probes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return probes;
        }
        if (new FileInfo(path).Length > maxBytes)
        {
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (JsonNode.Parse(line) is not JsonObject probe || probe["probe"]?.GetValueKind() != JsonValueKind.String
                    || probe["probe"]!.GetValue<string>() is not { } id || !known.Contains(id) || !probes.TryAdd(id, probe))
                {
                    return null;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return probes;
    }

    /// <summary>
    /// How one check went: null when it passed; otherwise the state and the message, worded as
    /// the check itself words it in a lesson.
    /// </summary>
    public static (ExerciseState State, string Message)? Judge(int exercise, JsonObject expected, JsonObject? found)
    {
        var call = Text(expected["call"]) ?? "the check";
        var expectedText = Text(expected["expectedText"]) ?? "?";
        var hint = Text(expected["hint"]);
        string Worded(string problem) => $"Exercise {exercise}: {problem}{(string.IsNullOrWhiteSpace(hint) ? "" : " — " + hint)}";
        if (found is null)
        {
            return (ExerciseState.NotRun, $"Exercise {exercise}: {call} did not report back; its cell stopped before it.");
        }
        if (found.ContainsKey("toDo"))
        {
            return (ExerciseState.ToDo, $"Exercise {exercise}: to do — the answer still throws NotImplementedException.");
        }
        if (Text(found["threw"]) is { } threw)
        {
            return (ExerciseState.Failed, Worded($"{call} threw {threw}; expected {expectedText}"));
        }
        if (found["actual"] is not JsonObject actual)
        {
            return (ExerciseState.Failed, $"Exercise {exercise}: {call} reported nothing the grader can read.");
        }
        if (NotebookType(actual) is { } declared)
        {
            return (ExerciseState.Failed, $"Exercise {exercise}: {call} returned a {declared}, a type this notebook declares; return one of .NET's types (a number, a string, a bool, an array…) as the exercise asks");
        }
        return expected["expected"] is JsonObject wanted && Same(wanted, actual)
            ? null
            : (ExerciseState.Failed, Worded($"{call} returned {Text(found["actualText"]) ?? "?"}; expected {expectedText}"));
    }

    /// <summary>Whether two values as <c>CanonicalValue</c> writes them are the same value.</summary>
    public static bool Same(JsonObject expected, JsonObject actual)
    {
        var (expectedType, actualType) = (Text(expected["type"]), Text(actual["type"]));
        if (expectedType is null || actualType is null)
        {
            return false;
        }
        var (wanted, got) = (expected["value"], actual["value"]);
        if (Integers.Contains(expectedType) && Integers.Contains(actualType))
        {
            return BigInteger.TryParse(Text(wanted), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a)
                && BigInteger.TryParse(Text(got), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b) && a == b;
        }
        if ((Integers.Contains(expectedType) || Reals.Contains(expectedType)) && (Integers.Contains(actualType) || Reals.Contains(actualType)))
        {
            return double.TryParse(Text(wanted), NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                && double.TryParse(Text(got), NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a.Equals(b);
        }
        if (expectedType != actualType || expectedType.StartsWith("notebook:", StringComparison.Ordinal)
            || (expectedType is "sequence" or "tuple" or "too deep" && (wanted is not JsonArray || got is not JsonArray)))
        {
            return false;
        }
        return (wanted, got) switch
        {
            (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(p => p.First is JsonObject x && p.Second is JsonObject y && Same(x, y)),
            (JsonObject a, JsonObject b) => a.Count == b.Count && a.All(p => b[p.Key] is JsonObject y && p.Value is JsonObject x && Same(x, y)),
            _ => JsonNode.DeepEquals(wanted, got),
        };
    }

    // The first type a notebook declares in a value, by name.
    private static string? NotebookType(JsonObject value)
    {
        if (Text(value["type"]) is { } type && type.StartsWith("notebook:", StringComparison.Ordinal))
        {
            return type["notebook:".Length..];
        }
        return value["value"] switch
        {
            JsonArray items => items.OfType<JsonObject>().Select(NotebookType).FirstOrDefault(t => t is not null),
            JsonObject properties => properties.Select(p => p.Value).OfType<JsonObject>().Select(NotebookType).FirstOrDefault(t => t is not null),
            _ => null,
        };
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
