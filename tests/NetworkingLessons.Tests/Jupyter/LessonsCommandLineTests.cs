namespace NetworkingLessons.Tests.Jupyter;

/// <summary>
/// How the library finds the lessons command to start its kernel with, from a process that is not
/// that command (here the test host, as under Polyglot Notebooks): the build in the course around it.
/// </summary>
public sealed class LessonsCommandLineTests
{
    [Fact]
    public void Find_OutsideTheLessonsCommand_RunsTheCoursesBuiltLessonsDllWithDotnet()
    {
        var (host, prefix) = LessonsCommandLine.Find();

        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(host));
        var command = Assert.Single(prefix);
        Assert.True(File.Exists(command), command);
        Assert.Equal("lessons.dll", Path.GetFileName(command));
        Assert.Contains(Path.Combine("lib", "NetworkingLessons.Cli", "bin"), command, StringComparison.Ordinal);
    }
}
