using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// Completion, inspection and the is-it-finished question for code typed after a notebook's
/// cells, answered from Roslyn's semantic model of that code continuing the notebook's script.
/// </summary>
internal static class CodeAssist
{
    /// <summary>The names that can stand at <paramref name="cursor"/>, and the span they would replace.</summary>
    public static CodeCompletion Complete(Compilation compilation, SyntaxTree tree, int cursor)
    {
        var root = tree.GetRoot();
        var text = tree.GetText().ToString();
        cursor = Math.Clamp(cursor, 0, text.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }
        var prefix = text[start..cursor];
        var model = compilation.GetSemanticModel(tree);
        INamespaceOrTypeSymbol? container = null;
        var staticOnly = false;
        var before = start > 0 ? root.FindToken(start - 1) : default;
        if (before.IsKind(SyntaxKind.DotToken) && before.Parent is MemberAccessExpressionSyntax access)
        {
            var target = access.Expression;
            // Console.Wr: a type's static members; list.Co: an instance's members; System.Ne: a namespace's.
            var named = model.GetSymbolInfo(target).Symbol as INamespaceOrTypeSymbol;
            staticOnly = named is ITypeSymbol;
            container = named ?? model.GetTypeInfo(target).Type;
            if (container is null)
            {
                return new CodeCompletion([], start, cursor);
            }
        }
        else if (before.IsKind(SyntaxKind.DotToken) && before.Parent is QualifiedNameSyntax qualified)
        {
            container = model.GetSymbolInfo(qualified.Left).Symbol as INamespaceOrTypeSymbol;
        }
        var symbols = container is null ? model.LookupSymbols(start)
            : staticOnly ? model.LookupStaticMembers(start, container)
            : model.LookupSymbols(start, container, includeReducedExtensionMethods: true);
        var matches = symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => s.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new CodeCompletion(matches, start, cursor);
    }

    /// <summary>The symbol the name at <paramref name="cursor"/> refers to, with its documentation summary, or null.</summary>
    public static string? Inspect(Compilation compilation, SyntaxTree tree, int cursor)
    {
        var root = tree.GetRoot();
        var length = tree.GetText().Length;
        if (length == 0)
        {
            return null;
        }
        var token = root.FindToken(Math.Clamp(cursor, 0, length - 1));
        if (!token.IsKind(SyntaxKind.IdentifierToken) && cursor > 0)
        {
            token = root.FindToken(cursor - 1);
        }
        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not { } node)
        {
            return null;
        }
        var model = compilation.GetSemanticModel(tree);
        var info = model.GetSymbolInfo(node);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
        if (symbol is null)
        {
            return null;
        }
        var shown = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        var kind = symbol.Kind.ToString().ToLowerInvariant();
        var summary = Summary(symbol.GetDocumentationCommentXml());
        return $"{shown} ({kind}){(summary is null ? "" : "\n\n" + summary)}";
    }

    private static string? Summary(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }
        try
        {
            var summary = System.Xml.Linq.XElement.Parse(xml).Element("summary")?.Value;
            return summary is null ? null : string.Join(' ', summary.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>
    /// "complete" when the code parses as a script, "incomplete" when all that is wrong is at its end
    /// (an open brace, bracket or string), "invalid" when something before the end is wrong.
    /// </summary>
    public static string IsComplete(string code)
    {
        var trimmed = code.TrimEnd();
        if (trimmed.Length == 0)
        {
            return "complete";
        }
        var tree = CellSyntax.Parse(code);
        var errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return "complete";
        }
        return errors.All(e => e.Location.SourceSpan.Start >= trimmed.Length || e.Id is "CS1010" or "CS1039") ? "incomplete" : "invalid";
    }
}
