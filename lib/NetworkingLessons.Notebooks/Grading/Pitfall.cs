namespace NetworkingLessons.Notebooks.Grading;

/// <summary>A wrong answer an instructor wrote down for an exercise: what it gets wrong, and its code.</summary>
/// <param name="Description">The pitfall, in the words of the marker line ("// BEGIN PITFALL: shifting by 32 for /0").</param>
/// <param name="Code">The answer's code, uncommented, to put where the solution goes.</param>
public sealed record Pitfall(string Description, string Code);
