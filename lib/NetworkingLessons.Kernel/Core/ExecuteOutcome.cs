namespace NetworkingLessons.Kernel.Core;

/// <summary>How a run ended: ok, or an error with its kind, message and further lines (for execute_reply).</summary>
public sealed record ExecuteOutcome(bool Succeeded, string ErrorName = "", string ErrorValue = "", IReadOnlyList<string>? Traceback = null)
{
    /// <summary>A run that ended normally.</summary>
    public static ExecuteOutcome Ok { get; } = new(true);
}
