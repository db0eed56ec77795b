using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetworkingLessons.Notebooks.Execution;

/// <summary>
/// How a code cell's C# reads: as a script (statements and expressions at the top level), in the
/// latest language version. The one definition for the kernel, which compiles cells, and for the
/// grading tools, which read and rewrite check cells.
/// </summary>
internal static class CellSyntax
{
    /// <summary>The parse options of every cell.</summary>
    public static readonly CSharpParseOptions Options = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>A cell's code, parsed.</summary>
    public static SyntaxTree Parse(string code) => CSharpSyntaxTree.ParseText(code, Options);

    /// <summary>
    /// A call's argument for a parameter, as C# matches them: the one named with one of
    /// <paramref name="names"/>, else the one at <paramref name="position"/> when every argument up
    /// to it is positional. Null when the call leaves the parameter out.
    /// </summary>
    public static ArgumentSyntax? Argument(SeparatedSyntaxList<ArgumentSyntax> arguments, int position, params string[] names) =>
        arguments.FirstOrDefault(a => a.NameColon is { } named && names.Contains(named.Name.Identifier.Text))
        ?? (arguments.Count > position && arguments.Take(position + 1).All(a => a.NameColon is null) ? arguments[position] : null);
}
