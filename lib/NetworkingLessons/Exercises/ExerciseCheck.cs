using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;

namespace NetworkingLessons.Exercises;

/// <summary>
/// The checks of one exercise, started by <see cref="Check.Exercise"/>. Each method runs one check;
/// the first that fails throws <see cref="ExerciseFailedException"/> with a message for the student,
/// and an answer that still throws <see cref="NotImplementedException"/> is reported as to do.
/// </summary>
public sealed class ExerciseCheck
{
    private readonly Scoreboard.Entry _entry;
    private int _reported;

    internal ExerciseCheck(Scoreboard.Entry entry) => _entry = entry;

    /// <summary>The exercise number.</summary>
    public int Number => _entry.Number;

    /// <summary>How many checks have passed so far.</summary>
    public int Passed => _entry.ChecksPassed;

    /// <summary>Checks that <paramref name="call"/> returns <paramref name="expected"/> (sequences compared item by item).</summary>
    /// <param name="call">The student's code, as a lambda: <c>() => ToDottedQuad(0xC0A80001)</c>.</param>
    /// <param name="expected">The right answer.</param>
    /// <param name="hint">What to look at when it is wrong, e.g. "check the byte order".</param>
    /// <param name="notation">How the message writes the two values: in the notation the lesson uses (hex for bit patterns).</param>
    /// <param name="within">
    /// How far each number of the answer may be from the expected one, for results of floating-point
    /// arithmetic (<c>0.1 + 0.2</c> is not <c>0.3</c>); 0, the default, asks for the same value.
    /// </param>
    /// <param name="callText">Filled in by the compiler: the call's source text, quoted in the message.</param>
    /// <exception cref="ExerciseFailedException">The call returned something else, or threw.</exception>
    /// <exception cref="NotImplementedException">The answer is still the stub.</exception>
    public ExerciseCheck Returns<T>(Func<T> call, T expected, string? hint = null, Notation notation = Notation.Default, double within = 0,
        [CallerArgumentExpression(nameof(call))] string callText = "")
    {
        ArgumentNullException.ThrowIfNull(call);
        RefuseTolerance(within);
        var what = Describe(callText);
        RefuseGradedRun(what);
        var actual = Run(call, what, Show(expected, notation), hint);
        // A lazy sequence is read once, so the value judged is the value shown.
        var lazy = actual is IEnumerable and not string and not ICollection;
        var seen = lazy ? ((IEnumerable)actual!).Cast<object?>().ToList() : (object?)actual;
        RefuseNotebookTypes(typeof(T), seen, what);
        if (!(within != 0 ? Near(seen, expected, within) : lazy ? Same(seen, expected) : Same(actual, expected)))
        {
            Fail(CheckProtocol.Returned(what, Show(seen, notation), Show(expected, notation)), hint);
        }
        return Pass();
    }

    /// <summary>Checks that the number <paramref name="call"/> returns is less than <paramref name="limit"/>: for a measurement, which is never the same twice.</summary>
    /// <param name="call">The student's code, as a lambda.</param>
    /// <param name="limit">The bound the result must stay under.</param>
    /// <param name="hint">What to look at when it is not.</param>
    /// <param name="callText">Filled in by the compiler.</param>
    /// <exception cref="ExerciseFailedException">The result is not less than the limit, or the call threw.</exception>
    /// <exception cref="NotImplementedException">The answer is still the stub.</exception>
    public ExerciseCheck ReturnsLessThan<T>(Func<T> call, T limit, string? hint = null, [CallerArgumentExpression(nameof(call))] string callText = "")
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(call);
        var what = Describe(callText);
        RefuseGradedRun(what);
        var actual = Run(call, what, $"less than {Show(limit)}", hint);
        if (!(actual < limit))
        {
            Fail(CheckProtocol.Returned(what, Show(actual), $"less than {Show(limit)}"), hint);
        }
        return Pass();
    }

    /// <summary>Checks that <paramref name="action"/> throws <typeparamref name="TException"/> (or a subclass).</summary>
    /// <param name="action">The student's code, as a lambda.</param>
    /// <param name="hint">What to look at when it does not throw.</param>
    /// <param name="actionText">Filled in by the compiler.</param>
    /// <exception cref="ExerciseFailedException">It threw nothing, or something else.</exception>
    /// <exception cref="NotImplementedException">The answer is still the stub.</exception>
    public ExerciseCheck Throws<TException>(Action action, string? hint = null, [CallerArgumentExpression(nameof(action))] string actionText = "")
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(action);
        var what = Describe(actionText);
        RefuseGradedRun(what);
        try
        {
            action();
        }
        catch (Exception caught)
        {
            var ex = Unwrap(caught);
            if (ex is TException)
            {
                return Pass();
            }
            if (ex is NotImplementedException stub)
            {
                ToDo(stub);
            }
            Fail(CheckProtocol.Threw(what, $"{ex.GetType().Name} ({ex.Message})", typeof(TException).Name), hint, ex);
        }
        Fail(CheckProtocol.ThrewNothing(what, typeof(TException).Name), hint);
        return this;
    }

    /// <summary>
    /// The autograder's side of <see cref="Returns"/> in the instructor's source: records the
    /// expected value, as <see cref="CanonicalValue"/> writes it, and how a failure reads. The call is not run.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ExerciseCheck Expects<T>(Func<T> call, T expected, string? hint = null, Notation notation = Notation.Default, double within = 0, string probe = "",
        [CallerArgumentExpression(nameof(call))] string callText = "")
    {
        ArgumentNullException.ThrowIfNull(call);
        RefuseTolerance(within);
        return Expected(probe, CheckProtocol.Returns, callText, CanonicalValue.Of(expected), Show(expected, notation), hint, within);
    }

    /// <summary>The autograder's side of <see cref="ReturnsLessThan"/> in the instructor's source: records the limit. The call is not run.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ExerciseCheck ExpectsLessThan<T>(Func<T> call, T limit, string? hint = null, string probe = "",
        [CallerArgumentExpression(nameof(call))] string callText = "")
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(call);
        return Expected(probe, CheckProtocol.LessThan, callText, CanonicalValue.Of(limit), $"less than {Show(limit)}", hint, 0);
    }

    /// <summary>The autograder's side of <see cref="Throws"/> in the instructor's source: records the exception's type. The action is not run.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ExerciseCheck ExpectsThrow<TException>(Action action, string? hint = null, string probe = "",
        [CallerArgumentExpression(nameof(action))] string actionText = "")
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(action);
        return Expected(probe, CheckProtocol.Throws, actionText, CanonicalValue.Of(typeof(TException).FullName), typeof(TException).Name, hint, 0);
    }

    /// <summary>
    /// The autograder's side of every check in a student's notebook: runs the call and records what
    /// it returned (or threw), as <see cref="CanonicalValue"/> writes it. It never judges: the
    /// expected value is not in this process, and the grader decides.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ExerciseCheck Reports<T>(Func<T> call, string probe, Notation notation = Notation.Default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Reported(probe, () => { var actual = call(); return (CanonicalValue.Of(actual), Show(actual, notation)); });
    }

    /// <summary>The autograder's side of a check whose code returns nothing (<see cref="Throws"/> of a statement): records whether it threw, and what.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ExerciseCheck Reports(Action action, string probe)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Reported(probe, () => { action(); return (CanonicalValue.Nothing(), "nothing"); });
    }

    /// <summary>
    /// Shows "✓ Exercise N: k checks passed" as the cell's result; in a graded run, how many
    /// checks went to the grader instead (it alone knows whether they passed: no check passes
    /// in the student's process then).
    /// </summary>
    public override string ToString() => _reported == 0
        ? $"✓ Exercise {Number}: {Passed} check{(Passed == 1 ? "" : "s")} passed"
        : $"Exercise {Number}: {_reported} check{(_reported == 1 ? "" : "s")} sent to the grader";

    // A check compares with .NET's and the course's own types only. A type the notebook itself
    // declares could say it equals anything (its own Equals, implicit conversions from the
    // expected type), so a check never lets one decide: it fails, naming the type.
    private void RefuseNotebookTypes(Type declared, object? actual, string what)
    {
        if ((FromNotebook(declared) ?? FromNotebookValue(actual, 0)) is { } type)
        {
            Fail(CheckProtocol.NotebookType(what, type.Name), null);
        }
    }

    // The value's own type, and the types of what it holds: a list's items, a tuple's elements.
    private static Type? FromNotebookValue(object? value, int depth)
    {
        if (value is null || value is string)
        {
            return null;
        }
        if (FromNotebook(value.GetType()) is { } type)
        {
            return type;
        }
        if (depth >= 3)
        {
            return null;
        }
        IEnumerable<object?> parts = value switch
        {
            System.Runtime.CompilerServices.ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i]),
            System.Collections.IEnumerable items => items.Cast<object?>().Take(10_000),
            _ => [],
        };
        return parts.Select(p => FromNotebookValue(p, depth + 1)).FirstOrDefault(t => t is not null);
    }

    // Cells compile to assemblies in memory, which have no file: a type from one came from a cell.
    private static Type? FromNotebook(Type? type)
    {
        if (type is null)
        {
            return null;
        }
        if (type.HasElementType)
        {
            return FromNotebook(type.GetElementType());
        }
        if (type.Assembly.IsDynamic || type.Assembly.Location.Length == 0)
        {
            return type;
        }
        return type.IsGenericType ? type.GetGenericArguments().Select(FromNotebook).FirstOrDefault(t => t is not null) : null;
    }

    private T Run<T>(Func<T> call, string what, string expected, string? hint)
    {
        try
        {
            return call();
        }
        catch (Exception caught)
        {
            var ex = Unwrap(caught);
            if (ex is NotImplementedException stub)
            {
                ToDo(stub);
            }
            Fail(CheckProtocol.Threw(what, $"{ex.GetType().Name} ({ex.Message})", expected), hint, ex);
            throw; // not reached
        }
    }

    // task.Result and task.Wait() wrap what the task threw: the student's exception is the one inside.
    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions: [var only] })
        {
            ex = only;
        }
        return ex;
    }

    private ExerciseCheck Expected(string probe, string rule, string callText, JsonObject expected, string expectedText, string? hint, double within)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(probe);
        var record = new JsonObject
        {
            ["probe"] = probe,
            ["exercise"] = Number,
            ["rule"] = rule,
            ["call"] = Describe(callText),
            ["expected"] = expected,
            ["expectedText"] = expectedText,
            ["hint"] = hint,
        };
        if (within != 0)
        {
            record["within"] = within;
        }
        GradingProbes.Write(record);
        return this;
    }

    private ExerciseCheck Reported(string probe, Func<(JsonObject Value, string Text)> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(probe);
        var found = new JsonObject { ["probe"] = probe };
        try
        {
            var (value, text) = run();
            found["actual"] = value;
            found["actualText"] = text;
        }
        catch (Exception caught)
        {
            var ex = Unwrap(caught);
            if (ex is NotImplementedException)
            {
                found["toDo"] = true;
            }
            else
            {
                found["threw"] = $"{ex.GetType().Name} ({ex.Message})";
                // The type and every base type, so that the grader can tell a subclass for what a check names.
                var types = new JsonArray();
                for (var type = ex.GetType(); type is not null; type = type.BaseType)
                {
                    types.Add(type.FullName);
                }
                found["exception"] = types;
            }
        }
        GradingProbes.Write(found);
        _reported++;
        return this;
    }

    // A graded run's checks are the grader's; one judged here would decide in the student's process.
    private void RefuseGradedRun(string what)
    {
        if (GradingProbes.Active)
        {
            Fail($"{what} was checked in the student's process during grading; the autograder could not rewrite this check (write it as Check.Exercise(n).Returns(…))", null);
        }
    }

    private static void RefuseTolerance(double within)
    {
        if (!(within >= 0) || double.IsInfinity(within))
        {
            throw new ArgumentOutOfRangeException(nameof(within), within, "A tolerance is a finite number, 0 or more.");
        }
    }

    private ExerciseCheck Pass()
    {
        _entry.ChecksPassed++;
        return this;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ToDo(NotImplementedException ex)
    {
        _entry.Record(ExerciseStatus.ToDo, CheckProtocol.ToDo(Number));
        ExceptionDispatchInfo.Throw(ex);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string problem, string? hint, Exception? inner = null)
    {
        var message = CheckProtocol.Failure(Number, problem, hint);
        _entry.Record(ExerciseStatus.Failed, message);
        throw new ExerciseFailedException(Number, message, inner);
    }

    // "() => ToDottedQuad(1)" reads better as "ToDottedQuad(1)".
    private static string Describe(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith("() =>", StringComparison.Ordinal) ? trimmed["() =>".Length..].Trim() : trimmed;
    }

    private static bool Same<T>(T actual, T expected) =>
        actual is IEnumerable a && expected is IEnumerable e && actual is not string
            ? a.Cast<object?>().SequenceEqual(e.Cast<object?>())
            : EqualityComparer<T>.Default.Equals(actual, expected);

    // Each number within a tolerance of the expected one; tuples and sequences item by item.
    private static bool Near(object? actual, object? expected, double within)
    {
        if (AsDouble(actual) is double a && AsDouble(expected) is double e)
        {
            return Math.Abs(a - e) <= within;
        }
        return (actual, expected) switch
        {
            (System.Runtime.CompilerServices.ITuple x, System.Runtime.CompilerServices.ITuple y) =>
                x.Length == y.Length && Enumerable.Range(0, x.Length).All(i => Near(x[i], y[i], within)),
            (IEnumerable x, IEnumerable y) when actual is not string && expected is not string =>
                NearAll(x.Cast<object?>().ToList(), y.Cast<object?>().ToList(), within),
            _ => Equals(actual, expected),
        };
    }

    // Each sequence is read once: a student's IEnumerable may yield differently each time.
    private static bool NearAll(List<object?> actual, List<object?> expected, double within) =>
        actual.Count == expected.Count && actual.Zip(expected).All(p => Near(p.First, p.Second, within));

    private static double? AsDouble(object? value) => value switch
    {
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A value as the student would write it: strings quoted, sequences in brackets, numbers in <paramref name="notation"/>.</summary>
    internal static string Show(object? value, Notation notation = Notation.Default) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        char c => $"'{c}'",
        bool b => b ? "true" : "false",
        System.Runtime.CompilerServices.ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Show(tuple[i], notation))) + ")",
        _ when notation != Notation.Default && Bits(value) is (ulong bits, int width) => Written(bits, width, notation),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Take(32).Select(v => Show(v, notation))) + "]",
        _ => value.ToString() ?? value.GetType().Name,
    };

    // An integer's bits and width, for the hex, binary and dotted-quad notations.
    private static (ulong Bits, int Width)? Bits(object value) => value switch
    {
        byte b => (b, 8),
        sbyte b => ((byte)b, 8),
        ushort u => (u, 16),
        short s => ((ushort)s, 16),
        uint u => (u, 32),
        int i => ((uint)i, 32),
        ulong u => (u, 64),
        long l => ((ulong)l, 64),
        _ => null,
    };

    private static string Written(ulong bits, int width, Notation notation) => notation switch
    {
        Notation.Hex => "0x" + bits.ToString("X" + (width / 4).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        Notation.Binary => "0b" + string.Join("_", Enumerable.Range(0, width / 8).Reverse().Select(i => Convert.ToString((byte)(bits >> (8 * i)), 2).PadLeft(8, '0'))),
        _ when width == 32 => $"{bits >> 24}.{(bits >> 16) & 0xFF}.{(bits >> 8) & 0xFF}.{bits & 0xFF}",
        _ => bits.ToString(CultureInfo.InvariantCulture),
    };
}
