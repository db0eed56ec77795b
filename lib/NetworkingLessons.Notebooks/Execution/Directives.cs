namespace NetworkingLessons.Notebooks.Execution;

/// <summary>The Polyglot Notebooks directives a cell may hold, and what this engine makes of them.</summary>
internal static class Directives
{
    private static readonly string[] CSharpSelectors = ["#!csharp", "#!c#", "#!C#"];

    /// <summary>The first line this engine cannot run, with a sentence saying what to do instead.</summary>
    public static (int Line, string Problem)? FindUnsupported(string code)
    {
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal) && !CSharpSelectors.Contains(line))
            {
                var command = line.Split(' ', 2)[0];
                return (i + 1, $"the magic command '{command}' is not supported by this engine; remove it, or run the notebook in VS Code with Polyglot Notebooks.");
            }
            if ((line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal))
                && line.Contains("\"nuget:", StringComparison.OrdinalIgnoreCase))
            {
                return (i + 1, $"NuGet references ('{line}') are not supported: the course runs offline. Reference a built assembly with #r \"path/to/file.dll\", or add the package to lib/NetworkingLessons.");
            }
        }
        return null;
    }

    /// <summary>Blanks a leading <c>#!csharp</c> line (keeping line numbers), which Polyglot allows at the top of a C# cell.</summary>
    public static string StripKernelSelectors(string code)
    {
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (CSharpSelectors.Contains(lines[i].Trim()))
            {
                lines[i] = "";
            }
        }
        return string.Join('\n', lines);
    }
}
