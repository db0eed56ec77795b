using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Puts a <see cref="CellGuard.Check"/> call first in every loop body and before every
/// <c>goto</c> (the jump a loop can be written with). The new tokens carry no line breaks, so
/// compile errors and stack traces keep the cell's own line numbers.
/// </summary>
internal sealed class LoopGuardRewriter : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax Check =
        SyntaxFactory.ParseStatement("global::NetworkingLessons.Notebooks.Execution.CellGuard.Check();");

    /// <summary>The guarded code, or the code unchanged when it does not parse (the compiler will say why).</summary>
    public static string Guard(string code)
    {
        var tree = CellSyntax.Parse(code);
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return code;
        }
        return new LoopGuardRewriter().Visit(tree.GetRoot()).ToFullString();
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var loop = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return loop.WithStatement(Guarded(loop.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var loop = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return loop.WithStatement(Guarded(loop.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var loop = (ForStatementSyntax)base.VisitForStatement(node)!;
        return loop.WithStatement(Guarded(loop.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var loop = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return loop.WithStatement(Guarded(loop.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var loop = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return loop.WithStatement(Guarded(loop.Statement));
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node) => Guarded(node);

    private static BlockSyntax Guarded(StatementSyntax body)
    {
        if (body is BlockSyntax block)
        {
            return block.WithStatements(block.Statements.Insert(0, Check));
        }
        // Wrap a single statement in braces that sit where the statement's own trivia was.
        return SyntaxFactory.Block(
            SyntaxFactory.Token(body.GetLeadingTrivia(), SyntaxKind.OpenBraceToken, SyntaxTriviaList.Empty),
            SyntaxFactory.List([Check, body.WithoutTrivia()]),
            SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.CloseBraceToken, body.GetTrailingTrivia()));
    }
}
