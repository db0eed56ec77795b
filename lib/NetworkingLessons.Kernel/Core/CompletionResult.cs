namespace NetworkingLessons.Kernel.Core;

/// <summary>complete_reply's content: the names that fit, and the span of the code they replace.</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);
