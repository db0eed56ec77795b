using System.Text.Json.Nodes;

namespace NetworkingLessons.Notebooks.Documents;

/// <summary>The metadata Polyglot Notebooks writes, so that VS Code opens our files with the C# kernel.</summary>
internal static class PolyglotMetadata
{
    public static JsonObject CreateNotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = CreateKernelInfo(),
    };

    public static JsonObject CreateKernelInfo() => new()
    {
        ["kernelInfo"] = new JsonObject
        {
            ["defaultKernelName"] = NotebookCell.CSharp,
            ["items"] = new JsonArray(
                new JsonObject { ["aliases"] = new JsonArray(), ["name"] = NotebookCell.CSharp }),
        },
    };
}
