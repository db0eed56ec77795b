namespace NetworkingLessons.Cli.Tests.Grading;

/// <summary>
/// How the lessons command starts itself again (the autograder's workers, kernel.json): from inside
/// the command's own assembly it is that assembly, never a build found elsewhere.
/// </summary>
public sealed class LessonsCommandLineTests
{
    [Fact]
    public void Find_InsideTheLessonsCommand_RunsThisVeryAssembly()
    {
        var (host, prefix) = LessonsCommandLine.Find();

        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(host));
        Assert.Equal([typeof(LessonsCommandLine).Assembly.Location], prefix);
    }
}
