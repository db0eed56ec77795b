namespace NetworkingLessons.Notebooks.Execution;

/// <summary>Names that may stand at a cursor, and the span of the code (character offsets) they replace.</summary>
public sealed record CodeCompletion(IReadOnlyList<string> Matches, int Start, int End);
