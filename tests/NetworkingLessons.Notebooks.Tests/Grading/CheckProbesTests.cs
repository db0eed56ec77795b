using NetworkingLessons.Notebooks.Documents;
using NetworkingLessons.Notebooks.Grading;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Notebooks.Tests.Grading;

public sealed class CheckProbesTests
{
    private const string Cell = """
        Check.Exercise(2)
            .Returns(() => ToDottedQuad(0xC0A80001), "192.168.0.1", "check the byte order")
            .Throws<ArgumentOutOfRangeException>(() => ToDottedQuad(-1), "a negative address")
            .ReturnsLessThan(() => Median(), 20, "turn Nagle off")
        // BEGIN HIDDEN TESTS
            .Returns(() => ToDottedQuad(0x0A000001),
                "10.0.0.1",
                "ten is the first byte",
                Notation.Hex)
            .Returns(() => ToDottedQuad(0), hint: "zero", expected: "0.0.0.0", notation: Notation.Binary)
        // END HIDDEN TESTS
        """;

    [Fact]
    public void ActualSide_KeepsOnlyTheCallsAndTheirNotation()
    {
        var (source, probes) = CheckProbes.Rewrite(Cell, 5, CheckProbes.Side.Actual);

        Assert.Contains("""Reports(() => ToDottedQuad(0xC0A80001), probe: "5.0")""", source);
        Assert.Contains("""Reports(() => ToDottedQuad(-1), probe: "5.1")""", source);
        Assert.Contains("""Reports(() => Median(), probe: "5.2")""", source);
        Assert.Contains("""Reports(() => ToDottedQuad(0x0A000001), probe: "5.3", notation: Notation.Hex""", source);
        Assert.Contains("""Reports(() => ToDottedQuad(0), probe: "5.4", notation: Notation.Binary)""", source);
        foreach (var secret in new[] { "192.168.0.1", "10.0.0.1", "0.0.0.0", "ten is the first byte", "zero", "check the byte order",
            "ArgumentOutOfRange", "a negative address", "20", "Nagle" })
        {
            Assert.DoesNotContain(secret, source);
        }
        Assert.Equal(["5.0", "5.1", "5.2", "5.3", "5.4"], probes.Select(p => p.Id));
    }

    [Fact]
    public void ActualSide_KeepsEveryLineWhereItWas()
    {
        var (source, _) = CheckProbes.Rewrite(Cell, 5, CheckProbes.Side.Actual);

        var before = Cell.Split('\n');
        var after = source.Split('\n');
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(Array.IndexOf(before, "// END HIDDEN TESTS"), Array.IndexOf(after, "// END HIDDEN TESTS"));
    }

    [Fact]
    public void ExpectedSide_KeepsEveryArgument_AndNamesTheProbe()
    {
        var (source, probes) = CheckProbes.Rewrite(Cell, 0, CheckProbes.Side.Expected);

        Assert.Contains("""Expects(() => ToDottedQuad(0xC0A80001), "192.168.0.1", "check the byte order", probe: "0.0")""", source);
        Assert.Contains("""ExpectsThrow<ArgumentOutOfRangeException>(() => ToDottedQuad(-1), "a negative address", probe: "0.1")""", source);
        Assert.Contains("""ExpectsLessThan(() => Median(), 20, "turn Nagle off", probe: "0.2")""", source);
        Assert.Contains("""Expects(() => ToDottedQuad(0), hint: "zero", expected: "0.0.0.0", notation: Notation.Binary, probe: "0.4")""", source);
        Assert.Equal(5, probes.Count);
    }

    [Fact]
    public void OnlyChecksOfTheCheckApi_AreProbed()
    {
        const string code = """
            var mock = new Mock();
            mock.Setup().Returns(5);
            global::NetworkingLessons.Exercises.Check.Exercise(1).Returns(() => F(), 2);
            Other.Exercise(1).Returns(() => F(), 2);
            """;

        var (source, probes) = CheckProbes.Rewrite(code, 3, CheckProbes.Side.Actual);

        Assert.Contains("mock.Setup().Returns(5);", source);
        Assert.Contains("Other.Exercise(1).Returns(() => F(), 2);", source);
        Assert.Contains("""global::NetworkingLessons.Exercises.Check.Exercise(1).Reports(() => F(), probe: "3.0");""", source);
        Assert.Single(probes);
    }

    [Fact]
    public void CodeThatDoesNotParse_IsLeftAsItIs()
    {
        const string broken = "Check.Exercise(1).Returns(() => F(, 2";

        var (source, probes) = CheckProbes.Rewrite(broken, 0, CheckProbes.Side.Actual);

        Assert.Equal(broken, source);
        Assert.Empty(probes);
    }

    [Fact]
    public void Apply_LeavesAnswerCellsAlone()
    {
        var notebook = new Notebook([
            NotebookCell.Markdown("### Exercise 1: Add"),
            NotebookCell.Code("int Add(int a, int b)\n{\n    // BEGIN SOLUTION\n    return a + b;\n    // END SOLUTION\n}\nCheck.Exercise(1).Returns(() => Add(1, 1), 2);"),
            NotebookCell.Code("Check.Exercise(1).Returns(() => Add(1, 2), 3);"),
        ]);
        var exercises = ExerciseMap.Find(notebook);

        var probes = CheckProbes.Apply(notebook, exercises, CheckProbes.Side.Actual);

        Assert.Equal("2.0", Assert.Single(probes).Id);
        Assert.Contains(".Returns(() => Add(1, 1), 2)", notebook.Cells[1].Source);
        Assert.Equal("""Check.Exercise(1).Reports(() => Add(1, 2), probe: "2.0");""", notebook.Cells[2].Source);
    }

    [Fact]
    public void Apply_ALessonsStudentRun_HoldsNoHiddenHintOrExpectedValue()
    {
        var source = NotebookFile.Load(Path.Combine(CourseFiles.Solutions, "02-ip-addresses.dib"));
        var run = source.Clone();

        var probes = CheckProbes.Apply(run, ExerciseMap.Find(source), CheckProbes.Side.Actual);

        var code = string.Join("\n", run.Cells.Where(c => c.Kind == CellKind.Code).Select(c => c.Source));
        Assert.NotEmpty(probes);
        Assert.Contains("ToDottedQuad(0x0A000001)", code); // a hidden check's call is there...
        Assert.DoesNotContain("ToDottedQuad(0x0A000001), \"10.0.0.1\"", code); // ...its expected value is not
        Assert.DoesNotContain("every part keeps its 8 bits", code);
        Assert.DoesNotContain("/0 holds every address, whatever the network's bits", code);
        Assert.DoesNotContain(".Returns(", code);
    }
}
