namespace NetworkingLessons.Kernel.Core;

/// <summary>An execute_request's content, as the interpreter needs it.</summary>
/// <param name="Code">The cell's code.</param>
/// <param name="ExecutionCount">The count this run shows (the kernel's, from 1).</param>
/// <param name="Silent">Run without any output or history.</param>
/// <param name="AllowStdin">The front end answers input requests.</param>
public sealed record ExecuteRequest(string Code, int ExecutionCount, bool Silent, bool AllowStdin);
