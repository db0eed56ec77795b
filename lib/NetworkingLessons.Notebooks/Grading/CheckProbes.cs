using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Execution;

namespace NetworkingLessons.Notebooks.Grading;

/// <summary>
/// Splits each check of a check cell between the autograder's two runs, so that the verdict is
/// reached outside the student's process. In the run of the instructor's source,
/// <c>.Returns(call, expected, …)</c> becomes <c>.Expects(call, expected, …, probe: id)</c>, which
/// records the expected value (<c>ReturnsLessThan</c> becomes <c>ExpectsLessThan</c>, and
/// <c>Throws&lt;T&gt;</c> <c>ExpectsThrow&lt;T&gt;</c>); in a student's run each becomes
/// <c>.Reports(call, probe: id)</c>, which records what the call returned or threw: the expected
/// value, the exception's type and the hint never enter that process. The grader compares the two.
/// </summary>
public static class CheckProbes
{
    // Each check, and what it becomes in the run of the source.
    private static readonly Dictionary<string, string> Expecting = new(StringComparer.Ordinal)
    {
        ["Returns"] = "Expects",
        ["ReturnsLessThan"] = "ExpectsLessThan",
        ["Throws"] = "ExpectsThrow",
    };

    /// <summary>Whether <paramref name="method"/> names a check a lesson writes (Returns, ReturnsLessThan, Throws).</summary>
    internal static bool IsCheck(string method) => Expecting.ContainsKey(method);

    /// <summary>One check: its id ("cell.place") and its cell's 0-based index.</summary>
    public sealed record Probe(string Id, int Cell);

    /// <summary>Which run a cell is rewritten for.</summary>
    public enum Side
    {
        /// <summary>The instructor's source: record the expected values.</summary>
        Expected,

        /// <summary>A student's notebook: record what the calls return.</summary>
        Actual,
    }

    /// <summary>
    /// Rewrites, in place, every code cell of <paramref name="notebook"/> that is not one of
    /// <paramref name="exercises"/>' answer cells (answers are the student's, and never probed),
    /// and returns the checks found, in notebook order.
    /// </summary>
    public static IReadOnlyList<Probe> Apply(Notebook notebook, IReadOnlyList<Exercise> exercises, Side side)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(exercises);
        var answers = exercises.SelectMany(e => e.AnswerCells).ToHashSet();
        var probes = new List<Probe>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind != CellKind.Code || answers.Contains(i))
            {
                continue;
            }
            var (source, found) = Rewrite(cell.Source, i, side);
            cell.Source = source;
            probes.AddRange(found);
        }
        return probes;
    }

    /// <summary>
    /// The cell with its checks rewritten for <paramref name="side"/>, and the checks
    /// found, in source order. <paramref name="cell"/> is the cell's 0-based index in the notebook.
    /// A cell that does not parse is returned unchanged, with no checks.
    /// </summary>
    public static (string Source, IReadOnlyList<Probe> Probes) Rewrite(string source, int cell, Side side)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tree = CellSyntax.Parse(source);
        var root = tree.GetRoot();
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return (source, []);
        }
        var checks = root.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax access && Expecting.ContainsKey(access.Name.Identifier.Text) && InCheckChain(access.Expression))
            .OrderBy(i => ((MemberAccessExpressionSyntax)i.Expression).Name.SpanStart)
            .ToList();
        var probes = checks.Select((check, k) => new Probe($"{cell}.{k}", cell)).ToList();
        var ids = checks.Select((check, k) => (check, probes[k].Id)).ToDictionary(p => p.check, p => p.Id);
        var rewritten = root.ReplaceNodes(checks, (original, current) => Probed(current, ids[original], side));
        return (rewritten.ToFullString(), probes);
    }

    private static InvocationExpressionSyntax Probed(InvocationExpressionSyntax check, string id, Side side)
    {
        var access = (MemberAccessExpressionSyntax)check.Expression;
        var arguments = check.ArgumentList.Arguments;
        var probe = Named("probe", SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(id)));
        var kind = access.Name.Identifier.Text;
        if (side == Side.Expected)
        {
            SimpleNameSyntax name = access.Name is GenericNameSyntax generic
                ? generic.WithIdentifier(SyntaxFactory.Identifier(Expecting[kind]).WithTriviaFrom(generic.Identifier))
                : SyntaxFactory.IdentifierName(Expecting[kind]).WithTriviaFrom(access.Name);
            return check
                .WithExpression(access.WithName(name))
                .WithArgumentList(check.ArgumentList.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(
                    [.. arguments, probe], [.. arguments.GetSeparators(), .. Commas(arguments.Count == 0 ? 0 : 1)])));
        }
        // Only the call, and how to write what it returns: never the expected value, the exception's type or the hint.
        var call = CellSyntax.Argument(arguments, 0, "call", "action");
        var notation = kind == "Returns" ? CellSyntax.Argument(arguments, 3, "notation") : null;
        List<ArgumentSyntax> kept = [.. call is null ? [] : new[] { call.WithNameColon(null) }, probe];
        if (notation is not null)
        {
            kept.Add(Named("notation", notation.Expression.WithoutTrivia()));
        }
        // The rewritten call keeps the original's lines, so that errors and traces point where the source does.
        var lines = check.ArgumentList.ToString().Count(c => c == '\n') - string.Concat(kept.Select(a => a.ToFullString())).Count(c => c == '\n');
        var closing = check.ArgumentList.CloseParenToken.WithLeadingTrivia(Enumerable.Repeat(SyntaxFactory.EndOfLine("\n"), Math.Max(0, lines)));
        return check
            .WithExpression(access.WithName(SyntaxFactory.IdentifierName("Reports").WithTriviaFrom(access.Name)))
            .WithArgumentList(SyntaxFactory.ArgumentList(check.ArgumentList.OpenParenToken, Listed(kept), closing));
    }

    private static ArgumentSyntax Named(string name, ExpressionSyntax value) =>
        SyntaxFactory.Argument(value).WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(name),
            SyntaxFactory.Token(SyntaxKind.ColonToken).WithTrailingTrivia(SyntaxFactory.Space)));

    // Arguments separated as a person writes them: ", ".
    private static SeparatedSyntaxList<ArgumentSyntax> Listed(IReadOnlyList<ArgumentSyntax> arguments) =>
        SyntaxFactory.SeparatedList(arguments, Commas(Math.Max(0, arguments.Count - 1)));

    private static IEnumerable<SyntaxToken> Commas(int count) =>
        Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), count);

    // Whether an expression is a chain of calls that starts with Check.Exercise(n).
    private static bool InCheckChain(ExpressionSyntax expression)
    {
        while (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access })
        {
            if (access.Name.Identifier.Text == "Exercise")
            {
                return access.Expression switch
                {
                    IdentifierNameSyntax { Identifier.Text: "Check" } => true,
                    MemberAccessExpressionSyntax { Name.Identifier.Text: "Check" } => true,
                    _ => false,
                };
            }
            expression = access.Expression;
        }
        return false;
    }
}
