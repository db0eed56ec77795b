using NetworkingLessons.Course;

namespace NetworkingLessons.Tests.Course;

/// <summary>
/// Reads the offline switch with other values. The switch is process-wide, so these tests run
/// alone, after the parallel ones, and put it back before they end: no other test ever sees it off.
/// </summary>
[Collection(OnlineSwitch.Collection)]
public sealed class OnlineModeTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData("yes", false)]
    [InlineData("TRUE", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsOffline_IsTrueOnlyForOneOrTrue(string? value, bool offline)
    {
        var before = Environment.GetEnvironmentVariable(CourseEnvironment.OfflineVariable);
        try
        {
            Environment.SetEnvironmentVariable(CourseEnvironment.OfflineVariable, value);

            Assert.Equal(offline, CourseEnvironment.IsOffline);
            Assert.Equal(offline ? "offline: local stand-ins only" : "online: live servers, local stand-ins as fallback", CourseEnvironment.Mode);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CourseEnvironment.OfflineVariable, before);
        }
    }
}

/// <summary>Tests that change the offline switch run alone, after every parallel test.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class OnlineSwitch
{
    /// <summary>The collection's name.</summary>
    public const string Collection = "Online switch";
}
