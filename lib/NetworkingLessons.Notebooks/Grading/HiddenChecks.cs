using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>
/// What a student may see of the hidden checks in a check cell: that one failed, and its hint,
/// never its code, its input or its expected value. A failing check's message quotes its call
/// (<c>Exercise 1: Double(-3) returned -5; expected -6 — hint</c>); a message that quotes a hidden
/// call is replaced by <c>Exercise 1: a hidden check failed — hint</c>.
/// </summary>
public static class HiddenChecks
{
    /// <summary>The cell's code as students see it: the hidden block left out.</summary>
    public static string Strip(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var kept = new List<string>();
        var hidden = false;
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed == ExerciseMarkers.BeginHiddenTests)
            {
                hidden = true;
            }
            else if (trimmed == ExerciseMarkers.EndHiddenTests)
            {
                hidden = false;
            }
            else if (!hidden)
            {
                kept.Add(line);
            }
        }
        return string.Join('\n', kept);
    }

    /// <summary>
    /// <paramref name="message"/> as a student may read it, given the check cell's full source:
    /// unchanged unless it quotes a hidden check's call.
    /// </summary>
    public static string Redact(string message, string source)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var (call, hint) in Calls(source))
        {
            if (call.Length > 0 && message.Contains(call, StringComparison.Ordinal))
            {
                var number = message.StartsWith("Exercise ", StringComparison.Ordinal) && message.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
                    ? message[..colon]
                    : "Exercise";
                // A probed check (CheckProbes) has no hint in the student's run: the grader's message carries it.
                var shown = hint ?? HintOf(message);
                return $"{number}: a hidden check failed{(string.IsNullOrWhiteSpace(shown) ? "" : " — " + shown)}";
            }
        }
        return message;
    }

    /// <summary>
    /// <paramref name="text"/> (an output: a summary table, a stream, HTML) with every message in it
    /// that quotes a hidden call of <paramref name="source"/> replaced as <see cref="Redact"/> does.
    /// </summary>
    public static string RedactWithin(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var (call, _) in Calls(source))
        {
            if (call.Length == 0 || !text.Contains(call, StringComparison.Ordinal))
            {
                continue;
            }
            // A message runs from "Exercise N:" to the end of its line or markup element.
            var message = new System.Text.RegularExpressions.Regex(@"Exercise \d+:[^<\n]*?" + System.Text.RegularExpressions.Regex.Escape(call) + @"[^<\n]*",
                System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            text = message.Replace(text, m => Redact(m.Value, source));
            // Anything still quoting the call (a message cut differently) goes too.
            text = text.Replace(call, "(a hidden check)", StringComparison.Ordinal);
        }
        return text;
    }

    // What follows the expected value in "… returned x; expected y — hint".
    private static string? HintOf(string message)
    {
        var expected = message.IndexOf("; expected ", StringComparison.Ordinal);
        var dash = expected < 0 ? -1 : message.IndexOf(" — ", expected, StringComparison.Ordinal);
        return dash < 0 ? null : message[(dash + " — ".Length)..];
    }

    // The hidden checks' calls as their messages quote them ("() => " taken off), and their hints.
    private static List<(string Call, string? Hint)> Calls(string source)
    {
        var start = source.IndexOf(ExerciseMarkers.BeginHiddenTests, StringComparison.Ordinal);
        var end = source.IndexOf(ExerciseMarkers.EndHiddenTests, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }
        end = end < start ? source.Length : end;
        var root = CellSyntax.Parse(source).GetRoot();
        var calls = new List<(string, string?)>();
        foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: var name } member
                || !(CheckProbes.IsCheck(name) || name == "Reports")
                || member.Name.SpanStart < start || member.Name.SpanStart > end)
            {
                continue;
            }
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count == 0)
            {
                continue;
            }
            var call = arguments[0].Expression is LambdaExpressionSyntax { Body: var body } ? body.ToString().Trim() : arguments[0].Expression.ToString().Trim();
            var hint = CellSyntax.Argument(arguments, name switch { "Returns" or "ReturnsLessThan" => 2, "Reports" => int.MaxValue, _ => 1 }, "hint");
            calls.Add((call, hint?.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null));
        }
        return calls;
    }
}
