using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Notebooks.Tests.Grading;

public sealed class ExerciseMarkersTests
{
    [Fact]
    public void ToStudent_SolutionInsideMethod_BecomesCompilingStub()
    {
        const string source = """
            string ToDottedQuad(uint address)
            {
                // BEGIN SOLUTION
                return string.Join(".", BitConverter.GetBytes(address).Reverse());
                // END SOLUTION
            }
            """;

        var student = ExerciseMarkers.ToStudent(source, "02.dib", 7, "Exercise 2: Dotted quad");

        Assert.Equal("""
            string ToDottedQuad(uint address)
            {
                // your code here
                throw new NotImplementedException("Exercise 2: Dotted quad: not done yet.");
            }
            """, student);
    }

    [Fact]
    public void ToStudent_HiddenTests_AreRemoved()
    {
        const string source = "Check.Exercise(1)\n    .Returns(() => F(1), 2)\n// BEGIN HIDDEN TESTS\n    .Returns(() => F(2), 3)\n// END HIDDEN TESTS\n    ;";

        Assert.Equal("Check.Exercise(1)\n    .Returns(() => F(1), 2)\n    ;", ExerciseMarkers.ToStudent(source, "x.dib", 1, "Exercise 1"));
    }

    [Fact]
    public void WithoutMarkers_KeepsAnswerAndHiddenTests()
    {
        Assert.Equal("a\nb", ExerciseMarkers.WithoutMarkers("// BEGIN SOLUTION\na\n// END SOLUTION\n// BEGIN HIDDEN TESTS\nb\n// END HIDDEN TESTS", "x.dib", 1));
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION\nx", 1, "the SOLUTION block opened here is never closed")]
    [InlineData("x\n// END SOLUTION", 2, "'// END SOLUTION' has no matching BEGIN")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS\n// END SOLUTION", 2, "markers do not nest")]
    [InlineData("// BEGIN SOLUTION\nx\n// END HIDDEN TESTS", 3, "closes a block that is not open")]
    [InlineData("x\n// begin solution\ny", 2, "looks like an exercise marker but is not one")]
    [InlineData("// BEGIN SOLUTIONS\n", 1, "looks like an exercise marker")]
    [InlineData("### BEGIN SOLUTION\n", 1, "looks like an exercise marker")]
    [InlineData("//BEGIN HIDDEN TEST\n", 1, "looks like an exercise marker")]
    public void Validate_BadMarkers_NameFileCellAndLine(string source, int line, string problem)
    {
        var ex = Assert.Throws<MarkerException>(() => ExerciseMarkers.Validate(source, "lesson.dib", 4));

        Assert.Equal(4, ex.Cell);
        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"lesson.dib, cell 4, line {line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
