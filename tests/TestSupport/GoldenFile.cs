namespace NetworkingLessons.TestSupport;

/// <summary>Output checked against a file kept in the repository: a chart's SVG or figure, a page of HTML.</summary>
public static class GoldenFile
{
    /// <summary>
    /// Fails unless <paramref name="actual"/> is the text of the file at <paramref name="path"/>.
    /// With <c>UPDATE_GOLDEN=1</c> it writes the file first, for a person to look at before committing.
    /// </summary>
    /// <param name="path">The golden file.</param>
    /// <param name="actual">What the code produced.</param>
    public static void AssertMatches(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with UPDATE_GOLDEN=1 and look at what they wrote.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
