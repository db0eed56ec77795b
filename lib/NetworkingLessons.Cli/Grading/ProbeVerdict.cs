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
        if (WorkerFile.Lines(path, maxBytes) is not { } lines)
        {
            return null;
        }
        var probes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var line in lines)
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
    /// the check itself words it in a lesson. The rule is the expected side's
    /// (<see cref="CheckProtocol.Returns"/>, <see cref="CheckProtocol.LessThan"/>, <see cref="CheckProtocol.Throws"/>).
    /// </summary>
    public static (ExerciseState State, string Message)? Judge(int exercise, JsonObject expected, JsonObject? found)
    {
        var call = Text(expected["call"]) ?? "the check";
        var expectedText = Text(expected["expectedText"]) ?? "?";
        var hint = Text(expected["hint"]);
        var rule = Text(expected["rule"]);
        (ExerciseState, string) Failed(string problem) => (ExerciseState.Failed, CheckProtocol.Failure(exercise, problem, hint));
        if (found is null)
        {
            return (ExerciseState.NotRun, CheckProtocol.Failure(exercise, $"{call} did not report back; its cell stopped before it.", null));
        }
        if (found.ContainsKey("toDo"))
        {
            return (ExerciseState.ToDo, CheckProtocol.ToDo(exercise));
        }
        if (Text(found["threw"]) is { } threw)
        {
            var types = found["exception"] as JsonArray;
            return rule == CheckProtocol.Throws && types is not null && Text(expected["expected"]?["value"]) is { } wanted
                && types.Any(t => Text(t) == wanted)
                ? null
                : Failed(CheckProtocol.Threw(call, threw, expectedText));
        }
        if (found["actual"] is not JsonObject actual)
        {
            return (ExerciseState.Failed, CheckProtocol.Failure(exercise, $"{call} reported nothing the grader can read.", null));
        }
        if (rule == CheckProtocol.Throws)
        {
            return Failed(CheckProtocol.ThrewNothing(call, expectedText));
        }
        if (NotebookType(actual) is { } declared)
        {
            return (ExerciseState.Failed, CheckProtocol.Failure(exercise, CheckProtocol.NotebookType(call, declared), null));
        }
        var within = expected["within"]?.GetValueKind() == JsonValueKind.Number ? expected["within"]!.GetValue<double>() : 0;
        var passed = expected["expected"] is JsonObject value && rule switch
        {
            CheckProtocol.Returns => Same(value, actual, within),
            CheckProtocol.LessThan => LessThan(actual, value),
            _ => false,
        };
        return passed ? null : Failed(CheckProtocol.Returned(call, Text(found["actualText"]) ?? "?", expectedText));
    }

    /// <summary>Whether a number, as <c>CanonicalValue</c> writes it, is less than a limit written the same way.</summary>
    public static bool LessThan(JsonObject actual, JsonObject limit)
    {
        if (Number(actual) is not { } got || Number(limit) is not { } bound)
        {
            return false;
        }
        return got.Integer is { } a && bound.Integer is { } b ? a < b : got.Real < bound.Real;
    }

    /// <summary>
    /// Whether two values as <c>CanonicalValue</c> writes them are the same value; with a tolerance
    /// (<paramref name="within"/> above 0), each number may be that far from the expected one.
    /// </summary>
    public static bool Same(JsonObject expected, JsonObject actual, double within = 0)
    {
        var (expectedType, actualType) = (Text(expected["type"]), Text(actual["type"]));
        if (expectedType is null || actualType is null)
        {
            return false;
        }
        var (wanted, got) = (expected["value"], actual["value"]);
        if (Number(expected) is { } wantedNumber && Number(actual) is { } gotNumber)
        {
            return within > 0 ? Math.Abs(wantedNumber.Real - gotNumber.Real) <= within
                : wantedNumber.Integer is { } x && gotNumber.Integer is { } y ? x == y
                : wantedNumber.Real.Equals(gotNumber.Real);
        }
        if (Integers.Contains(expectedType) || Reals.Contains(expectedType) || Integers.Contains(actualType) || Reals.Contains(actualType))
        {
            return false;
        }
        if (expectedType != actualType || expectedType.StartsWith(CheckProtocol.NotebookTypePrefix, StringComparison.Ordinal)
            || (expectedType is "sequence" or "tuple" or "too deep" && (wanted is not JsonArray || got is not JsonArray)))
        {
            return false;
        }
        return (wanted, got) switch
        {
            (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(p => p.First is JsonObject x && p.Second is JsonObject y && Same(x, y, within)),
            (JsonObject a, JsonObject b) => a.Count == b.Count && a.All(p => b[p.Key] is JsonObject y && p.Value is JsonObject x && Same(x, y, within)),
            _ => JsonNode.DeepEquals(wanted, got),
        };
    }

    // The first type a notebook declares in a value, by name.
    private static string? NotebookType(JsonObject value)
    {
        if (Text(value["type"]) is { } type && type.StartsWith(CheckProtocol.NotebookTypePrefix, StringComparison.Ordinal))
        {
            return type[CheckProtocol.NotebookTypePrefix.Length..];
        }
        return value["value"] switch
        {
            JsonArray items => items.OfType<JsonObject>().Select(NotebookType).FirstOrDefault(t => t is not null),
            JsonObject properties => properties.Select(p => p.Value).OfType<JsonObject>().Select(NotebookType).FirstOrDefault(t => t is not null),
            _ => null,
        };
    }

    // A written number: its value as a double, and exactly when it is an integer. Null when it is not a number.
    private static (double Real, BigInteger? Integer)? Number(JsonObject value)
    {
        var (type, text) = (Text(value["type"]), Text(value["value"]));
        if (type is null || text is null)
        {
            return null;
        }
        if (Integers.Contains(type))
        {
            return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? ((double)integer, integer) : null;
        }
        return Reals.Contains(type) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? (real, null) : null;
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
