using NetworkingLessons.Course;
using NetworkingLessons.Exercises;

namespace NetworkingLessons.Tests.Course;

[Collection(nameof(Tests.Exercises.CheckTests))] // Lesson.Start clears the one scoreboard Check keeps per process
public sealed class LessonTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Start_WithABlankName_Throws(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => Lesson.Start(name));
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Start_WithNoName_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Lesson.Start(null!));
    }

    [Fact]
    public void Start_ForgetsTheResultsOfTheLessonBefore()
    {
        Check.Exercise(3).Returns(() => 1, 1);
        Assert.NotEmpty(Check.Summary().Results);

        Lesson.Start("05-sockets");

        Assert.Empty(Check.Summary().Results);
    }

    [Fact]
    public void Start_ReturnsTheLessonRuntimeLibraryAndMode()
    {
        var facts = Lesson.Start("05-sockets");

        Assert.Equal(["Lesson", "Runtime", "NetworkingLessons library", "Mode"], facts.Items.Select(i => i.Name));
        Assert.Equal("05-sockets", facts["Lesson"]);
        Assert.Equal(CourseEnvironment.Runtime, facts["Runtime"]);
        Assert.Equal(CourseEnvironment.LibraryVersion, facts["NetworkingLessons library"]);
        Assert.Equal(CourseEnvironment.Mode, facts["Mode"]);
    }
}
