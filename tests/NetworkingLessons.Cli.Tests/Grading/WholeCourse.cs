namespace NetworkingLessons.Cli.Tests.Grading;

/// <summary>Tests that run alone in this assembly, after the parallel ones.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class WholeCourse
{
    public const string Collection = "Whole course";
}
