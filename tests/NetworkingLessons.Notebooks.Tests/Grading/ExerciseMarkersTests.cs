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

    private const string WithPitfalls = """
        uint Mask(int prefix)
        {
            // BEGIN SOLUTION
            return prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            // END SOLUTION
            // BEGIN PITFALL: /0 shifts by 32
            // return uint.MaxValue << (32 - prefix);
            // END PITFALL
            // BEGIN PITFALL
            //return 0;
            // END PITFALL
        }
        """;

    [Fact]
    public void Pitfalls_AreReadWithTheirDescriptionAndUncommented()
    {
        var pitfalls = ExerciseMarkers.Pitfalls(WithPitfalls, "x.dib", 3);

        Assert.Equal([new Pitfall("/0 shifts by 32", "    return uint.MaxValue << (32 - prefix);"), new Pitfall("", "    return 0;")], pitfalls);
    }

    [Fact]
    public void ToStudent_PitfallBlocks_AreRemoved()
    {
        var student = ExerciseMarkers.ToStudent(WithPitfalls, "x.dib", 3, "Exercise 3");

        Assert.DoesNotContain("PITFALL", student, StringComparison.Ordinal);
        Assert.DoesNotContain("<< (32 - prefix)", student, StringComparison.Ordinal);
        Assert.Contains("throw new NotImplementedException(\"Exercise 3: not done yet.\");", student, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPitfall_PutsTheWrongAnswerWhereTheSolutionWas()
    {
        var pitfall = ExerciseMarkers.Pitfalls(WithPitfalls, "x.dib", 3)[0];

        Assert.Equal("""
            uint Mask(int prefix)
            {
                return uint.MaxValue << (32 - prefix);
            }
            """, ExerciseMarkers.WithPitfall(WithPitfalls, "x.dib", 3, pitfall));
    }

    [Fact]
    public void WithoutMarkers_KeepsPitfallsAsComments()
    {
        var instructor = ExerciseMarkers.WithoutMarkers(WithPitfalls, "x.dib", 3);

        Assert.DoesNotContain("// BEGIN", instructor, StringComparison.Ordinal);
        Assert.Contains("    // return uint.MaxValue << (32 - prefix);", instructor, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("// BEGIN PITFALL: x\n// a\n// END PITFALL", 1, "belongs in the answer cell")]
    [InlineData("// BEGIN SOLUTION\n// END SOLUTION\n// BEGIN PITFALL: x\n// a", 3, "the PITFALL block opened here is never closed")]
    [InlineData("// BEGIN SOLUTION\n// END SOLUTION\n// begin pitfall\n", 3, "looks like an exercise marker")]
    public void Validate_BadPitfallMarkers_SayWhat(string source, int line, string problem)
    {
        var ex = Assert.Throws<MarkerException>(() => ExerciseMarkers.Validate(source, "lesson.dib", 2));

        Assert.Equal(line, ex.Line);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
