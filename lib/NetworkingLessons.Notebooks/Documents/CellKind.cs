namespace NetworkingLessons.Notebooks.Documents;

/// <summary>What a cell holds: code for a kernel, markdown prose, or raw text.</summary>
public enum CellKind
{
    /// <summary>Code run by the kernel named in <see cref="NotebookCell.KernelName"/>.</summary>
    Code,
    /// <summary>Markdown prose.</summary>
    Markdown,
    /// <summary>Raw text that no one runs or renders.</summary>
    Raw,
}
