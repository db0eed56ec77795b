using NetworkingLessons.Exercises;

namespace NetworkingLessons.Tests.Exercises;

[Collection(nameof(CheckTests))] // Check keeps one scoreboard per process
public sealed class CheckTests
{
    private static string ToDottedQuadBackwards(uint address) => string.Join(".", BitConverter.GetBytes(address));

    [Fact]
    public void Returns_WrongAnswer_MessageQuotesCallActualExpectedAndHint()
    {
        Check.Reset();

        var ex = Assert.Throws<ExerciseFailedException>(() =>
            Check.Exercise(2).Returns(() => ToDottedQuadBackwards(0xC0A80001), "192.168.0.1", "check the byte order"));

        Assert.Equal("Exercise 2: ToDottedQuadBackwards(0xC0A80001) returned \"1.0.168.192\"; expected \"192.168.0.1\" — check the byte order", ex.Message);
        Assert.Equal(2, ex.Exercise);
        var result = Assert.Single(Check.Summary().Results);
        Assert.Equal((2, ExerciseStatus.Failed), (result.Number, result.Status));
    }

    [Fact]
    public void Returns_Stub_RethrowsNotImplementedAndRecordsToDo()
    {
        Check.Reset();

        Assert.Throws<NotImplementedException>(() => Check.Exercise(1).Returns<int>(() => throw new NotImplementedException("Exercise 1"), 3));

        Assert.Equal(ExerciseStatus.ToDo, Assert.Single(Check.Summary().Results).Status);
    }

    [Fact]
    public void Returns_StubInsideATasksResult_IsStillToDo()
    {
        Check.Reset();
        static Task<int> Stub() => Task.Run(int () => throw new NotImplementedException("Exercise 1"));

        Assert.Throws<NotImplementedException>(() => Check.Exercise(1).Returns(() => Stub().Result, 3));

        Assert.Equal(ExerciseStatus.ToDo, Assert.Single(Check.Summary().Results).Status);
    }

    [Fact]
    public void Returns_FailureInsideATasksResult_NamesTheTasksException()
    {
        static Task<int> Wrong() => Task.Run(int () => throw new InvalidOperationException("no listener"));

        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(2).Returns(() => Wrong().Result, 3));

        Assert.Contains("threw InvalidOperationException (no listener)", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void Returns_AggregateOfSeveral_IsShownAsItIs()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(2).Returns<int>(
            () => throw new AggregateException(new NotImplementedException(), new InvalidOperationException()), 3));

        Assert.IsType<AggregateException>(ex.InnerException);
    }

    [Fact]
    public void Throws_ExpectedExceptionInsideATask_Passes()
    {
        Check.Exercise(4).Throws<FormatException>(() => Task.Run(() => int.Parse("x", System.Globalization.CultureInfo.InvariantCulture)).Wait());
    }

    [Fact]
    public void Throws_StubInsideATask_IsToDo()
    {
        Check.Reset();

        Assert.Throws<NotImplementedException>(() => Check.Exercise(4).Throws<FormatException>(() => Task.Run(() => throw new NotImplementedException()).Wait()));

        Assert.Equal(ExerciseStatus.ToDo, Assert.Single(Check.Summary().Results).Status);
    }

    [Fact]
    public void Returns_AnswerThrows_SaysWhatItThrew()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(3).Returns(() => int.Parse("x", System.Globalization.CultureInfo.InvariantCulture), 1));

        Assert.StartsWith("Exercise 3: int.Parse(\"x\", System.Globalization.CultureInfo.InvariantCulture) threw FormatException (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("; expected 1", ex.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(ex.InnerException);
    }

    [Fact]
    public void Returns_Sequences_ComparedItemByItem()
    {
        Check.Reset();

        var check = Check.Exercise(4).Returns(() => new byte[] { 127, 0, 0, 1 }, [127, 0, 0, 1]);
        var ex = Assert.Throws<ExerciseFailedException>(() => check.Returns(() => new byte[] { 1, 0, 0, 127 }, [127, 0, 0, 1]));

        Assert.Contains("returned [1, 0, 0, 127]; expected [127, 0, 0, 1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllChecksPass_SummaryShowsPassedWithCount()
    {
        Check.Reset();

        var check = Check.Exercise(5).Returns(() => 1 + 1, 2).ReturnsLessThan(() => 0.5, 1).Throws<FormatException>(() => int.Parse("x", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("✓ Exercise 5: 3 checks passed", check.ToString());
        var result = Assert.Single(Check.Summary().Results);
        Assert.Equal((ExerciseStatus.Passed, "3 checks passed"), (result.Status, result.Message));
        Assert.Contains("1 of 1 checked exercises passed.", Check.Summary().ToString(), StringComparison.Ordinal);
        Assert.Contains("<table>", Check.Summary().ToMimeBundle()["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Throws_NothingThrown_Fails()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(6).Throws<ArgumentException>(() => Math.Abs(1)));

        Assert.Equal("Exercise 6: Math.Abs(1) threw nothing; expected ArgumentException", ex.Message);
    }

    [Fact]
    public void ReturnsLessThan_AtOrAboveTheLimit_FailsSayingTheLimit()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(7).ReturnsLessThan(() => 41.5, 20, "turn Nagle off"));
        var equal = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(7).ReturnsLessThan(() => 20, 20));
        var nan = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(7).ReturnsLessThan(() => double.NaN, 20));

        Assert.Equal("Exercise 7: 41.5 returned 41.5; expected less than 20 — turn Nagle off", ex.Message);
        Assert.Equal("Exercise 7: 20 returned 20; expected less than 20", equal.Message);
        Assert.Contains("returned NaN", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnsLessThan_UnderTheLimit_Passes()
    {
        Check.Reset();

        var check = Check.Exercise(7).ReturnsLessThan(() => 19.99, 20).ReturnsLessThan(() => -3, 0);

        Assert.Equal(2, check.Passed);
    }

    [Fact]
    public void ReturnsLessThan_Stub_IsToDo()
    {
        Check.Reset();

        Assert.Throws<NotImplementedException>(() => Check.Exercise(7).ReturnsLessThan<double>(() => throw new NotImplementedException(), 20));

        Assert.Equal(ExerciseStatus.ToDo, Assert.Single(Check.Summary().Results).Status);
    }

    [Fact]
    public void Returns_Within_AcceptsRoundingButNotAWrongAnswer()
    {
        Check.Reset();

        Check.Exercise(8).Returns(() => (0.1 + 0.2, 1.0), (0.3, 1), within: 1e-9).Returns(() => new[] { 0.30000000001 }, [0.3], within: 1e-9);
        var off = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(8).Returns(() => (0.3, 1.1), (0.3, 1), within: 1e-9));
        var exact = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(8).Returns(() => 0.1 + 0.2, 0.3));
        var longer = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(8).Returns(() => new[] { 0.3, 0.3 }, [0.3], within: 1));
        var text = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(8).Returns(() => ("a", 1.0), ("b", 1.0), within: 1));

        Assert.Contains("returned (0.3, 1.1); expected (0.3, 1)", off.Message, StringComparison.Ordinal);
        Assert.Contains("expected 0.3", exact.Message, StringComparison.Ordinal);
        Assert.Contains("returned [0.3, 0.3]", longer.Message, StringComparison.Ordinal);
        Assert.Contains("returned (\"a\", 1)", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Returns_ReadsALazySequenceOnce_AndShowsWhatItJudged()
    {
        Check.Reset();
        var reads = 0;
        IEnumerable<double> Answer()
        {
            reads++;
            yield return 0.30000000001;
        }

        IEnumerable<int> Changing()
        {
            reads++;
            yield return reads;
        }

        Check.Exercise(8).Returns(Answer, [0.3], within: 1e-9);
        Assert.Equal(1, reads);
        var wrong = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(8).Returns(Changing, [3]));

        Assert.Equal(2, reads);
        Assert.Contains("returned [2]; expected [3]", wrong.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1e-9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Returns_WithinNotAFiniteTolerance_Refused(double within)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Check.Exercise(8).Returns(() => 1.0, 1.0, within: within));

        Assert.Equal("within", ex.ParamName);
    }

    [Fact]
    public void Exercise_NonPositiveNumber_Throws()
    {
        Assert.Equal("number", Assert.Throws<ArgumentOutOfRangeException>(() => Check.Exercise(0)).ParamName);
    }

    [Fact]
    public void Reset_ForgetsEarlierLesson()
    {
        Check.Exercise(9).Returns(() => 1, 1);

        Check.Reset();

        Assert.Empty(Check.Summary().Results);
        Assert.Contains("No exercise has been checked yet", Check.Summary().ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Notation.Hex, "returned 0x0100A8C0; expected 0xC0A80001")]
    [InlineData(Notation.DottedQuad, "returned 1.0.168.192; expected 192.168.0.1")]
    [InlineData(Notation.Binary, "returned 0b00000001_00000000_10101000_11000000; expected 0b11000000_10101000_00000000_00000001")]
    [InlineData(Notation.Default, "returned 16820416; expected 3232235521")]
    public void Returns_Notation_WritesBothValuesInIt(Notation notation, string expected)
    {
        Check.Reset();
        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(1).Returns(() => 0x0100A8C0u, 0xC0A80001u, notation: notation));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData((byte)0x1B, "0x1B")]
    [InlineData((ushort)0x1F90, "0x1F90")]
    [InlineData(-1, "0xFFFFFFFF")]
    [InlineData(1L, "0x0000000000000001")]
    public void Show_Hex_IsAsWideAsTheType(object value, string expected)
    {
        Assert.Equal(expected, ExerciseCheck.Show(value, Notation.Hex));
    }

    [Fact]
    public void Show_TupleInHex_WritesEachNumberInHex()
    {
        Assert.Equal("(0x1F90, 0xC0A80001)", ExerciseCheck.Show(((ushort)8080, 0xC0A80001u), Notation.Hex));
        Assert.Equal("(8080, \"a\")", ExerciseCheck.Show((8080, "a")));
    }

    [Fact]
    public void Show_NotationOnText_LeavesTheTextAlone()
    {
        Assert.Equal("\"x\"", ExerciseCheck.Show("x", Notation.Hex));
        Assert.Equal("[0x01, 0x02]", ExerciseCheck.Show(new byte[] { 1, 2 }, Notation.Hex));
    }

    // A type made at run time, as a notebook cell's types are: no file behind its assembly.
    private static object MadeAtRunTime()
    {
        var assembly = System.Reflection.Emit.AssemblyBuilder.DefineDynamicAssembly(new System.Reflection.AssemblyName("cell"), System.Reflection.Emit.AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("cell").DefineType("Fake", System.Reflection.TypeAttributes.Public).CreateType();
        return Activator.CreateInstance(type)!;
    }

    [Fact]
    public void Returns_ValueOfATypeTheNotebookDeclared_FailsNamingIt()
    {
        Check.Reset();
        var fake = MadeAtRunTime();

        var ex = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(1).Returns<object>(() => fake, fake));
        Assert.Contains("returned a Fake, a type this notebook declares", ex.Message, StringComparison.Ordinal);
        var inList = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(1).Returns<List<object>>(() => [fake], [fake]));
        Assert.Contains("a type this notebook declares", inList.Message, StringComparison.Ordinal);
        Assert.Throws<ExerciseFailedException>(() => Check.Exercise(1).Returns<object>(() => fake, fake, within: 1));
    }

    [Fact]
    public void Returns_DotNetsAndTheCoursesTypes_StillCompared()
    {
        Check.Reset();
        Check.Exercise(1).Returns(() => new[] { 1, 2 }, [1, 2]).Returns(() => System.Net.IPAddress.Loopback, System.Net.IPAddress.Loopback)
            .Returns(() => (1, "x"), (1, "x"));
        Assert.Equal(ExerciseStatus.Passed, Assert.Single(Check.Summary().Results).Status);
    }
}
