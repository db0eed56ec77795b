using System.Text.Json.Nodes;
using NetworkingLessons.Exercises;

namespace NetworkingLessons.Tests.Exercises;

/// <summary>
/// The checks at their edges: null arguments, the tolerance's boundary and each number type it
/// reads, values of types a notebook declares wherever they hide, how values and counts are
/// written, the canonical form the grader compares, and the scoreboard's text.
/// </summary>
[Collection(nameof(CheckTests))] // Check keeps one scoreboard per process, and probes go to a process-wide file
public sealed class ExerciseEdgeTests
{
    // A type made at run time, as a notebook cell's types are: no file behind its assembly.
    private static readonly Type Declared = System.Reflection.Emit.AssemblyBuilder
        .DefineDynamicAssembly(new System.Reflection.AssemblyName("cell"), System.Reflection.Emit.AssemblyBuilderAccess.Run)
        .DefineDynamicModule("cell").DefineType("Fake", System.Reflection.TypeAttributes.Public).CreateType();

    private static object Fake() => Activator.CreateInstance(Declared)!;

    private static ExerciseCheck Fresh()
    {
        Check.Reset();
        return Check.Exercise(1);
    }

    [Fact]
    public void EveryCheck_WithoutItsCall_Throws()
    {
        var check = Fresh();

        Assert.Throws<ArgumentNullException>(() => check.Returns<int>(null!, 1));
        Assert.Throws<ArgumentNullException>(() => check.ReturnsLessThan<int>(null!, 1));
        Assert.Throws<ArgumentNullException>(() => check.Throws<Exception>(null!));
        Assert.Throws<ArgumentNullException>(() => check.Expects<int>(null!, 1, probe: "1.0"));
        Assert.Throws<ArgumentNullException>(() => check.ExpectsLessThan<int>(null!, 1, probe: "1.0"));
        Assert.Throws<ArgumentNullException>(() => check.ExpectsThrow<Exception>(null!, probe: "1.0"));
        Assert.Throws<ArgumentNullException>(() => check.Reports<int>(null!, "1.0"));
        Assert.Throws<ArgumentNullException>(() => check.Reports((Action)null!, "1.0"));
        Assert.Equal(0, check.Passed);
    }

    [Fact]
    public void Expects_ANegativeTolerance_IsRefused_AsReturnsRefusesIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Fresh().Expects(() => 1.0, 1.0, within: -1, probe: "1.0"));

        Assert.Equal("within", ex.ParamName);
        Assert.StartsWith("A tolerance is a finite number, 0 or more.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ExpectsAndReports_WithoutAProbe_Throw(string probe)
    {
        var check = Fresh();

        Assert.Throws<ArgumentException>(() => check.Expects(() => 1, 1, probe: probe));
        Assert.Throws<ArgumentException>(() => check.Reports(() => 1, probe));
    }

    [Fact]
    public void ReturnsLessThan_AnAnswerThatThrows_SaysWhatWasExpected()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Fresh().ReturnsLessThan<int>(() => throw new InvalidOperationException("no"), 20));

        Assert.Equal("Exercise 1: throw new InvalidOperationException(\"no\") threw InvalidOperationException (no); expected less than 20", ex.Message);
    }

    [Fact]
    public void Throws_AnotherException_NamesBoth()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Fresh().Throws<ArgumentException>(() => throw new FormatException("bad"), "a port out of range"));

        Assert.Equal("Exercise 1: throw new FormatException(\"bad\") threw FormatException (bad); expected ArgumentException — a port out of range", ex.Message);
        Assert.IsType<FormatException>(ex.InnerException);
    }

    [Fact]
    public void Returns_TheCallsText_LosesOnlyTheLambdaArrow()
    {
        static int Answer() => 2;
        Func<int> method = Answer;

        var ex = Assert.Throws<ExerciseFailedException>(() => Fresh().Returns(method, 3));

        Assert.Equal("Exercise 1: method returned 2; expected 3", ex.Message);
    }

    [Fact]
    public void ToString_CountsChecksInTheSingularAndPlural()
    {
        var check = Fresh();
        Assert.Equal("✓ Exercise 1: 0 checks passed", check.ToString());
        check.Returns(() => 1, 1);
        Assert.Equal("✓ Exercise 1: 1 check passed", check.ToString());
        check.Returns(() => 2, 2);
        Assert.Equal("✓ Exercise 1: 2 checks passed", check.ToString());
    }

    [Fact]
    public void Returns_WithinIsInclusive_AndReadsEveryNumberType()
    {
        var check = Fresh();

        check.Returns(() => 1.5, 1.0, within: 0.5); // exactly at the tolerance
        Assert.Throws<ExerciseFailedException>(() => Fresh().Returns(() => 1.5000001, 1.0, within: 0.5));
        foreach (var (actual, expected) in new (object, object)[]
        {
            ((sbyte)-3, (sbyte)-2), ((byte)3, (byte)2), ((short)3, (short)2), ((ushort)3, (ushort)2), (3, 2), (3u, 2u),
            (3L, 2L), (3UL, 2UL), (3f, 2f), (3.0, 2.0), (3m, 2m),
        })
        {
            Fresh().Returns<object>(() => actual, expected, within: 1);
        }
    }

    [Fact]
    public void Returns_WithinOnTuplesAndSequences_ComparesEveryItem()
    {
        Fresh().Returns(() => (1.05, 2.0), (1.0, 2.0), within: 0.1).Returns(() => new[] { 1.0, 2.05 }, [1.0, 2.0], within: 0.1);

        Assert.Throws<ExerciseFailedException>(() => Fresh().Returns(() => new[] { 1.0, 5.0 }, [1.0, 2.0], within: 0.1)); // one item off
        Assert.Throws<ExerciseFailedException>(() => Fresh().Returns(() => new[] { 1.0 }, [1.0, 2.0], within: 0.1)); // one item short
        Assert.Throws<ExerciseFailedException>(() => Fresh().Returns(() => (1.0, 5.0), (1.0, 2.0), within: 0.1));
    }

    [Fact]
    public void Returns_ANumberOfAnotherType_IsNotTheSameAnswer()
    {
        var ex = Assert.Throws<ExerciseFailedException>(() => Fresh().Returns<object>(() => 1L, 1));

        Assert.Equal("Exercise 1: 1L returned 1; expected 1", ex.Message);
    }

    [Fact]
    public void Returns_ADeclaredTypeAnywhereInTheAnswer_FailsNamingIt()
    {
        var fake = Fake();
        var message = $"Exercise 1: fake returned a Fake, a type this notebook declares";

        Assert.StartsWith(message, Assert.Throws<ExerciseFailedException>(() => Fresh().Returns<object>(() => fake, "x")).Message, StringComparison.Ordinal);
        Assert.Contains("a Fake, a type this notebook declares", Assert.Throws<ExerciseFailedException>(() => Fresh().Returns<object>(() => (1, fake), "x")).Message, StringComparison.Ordinal);
        Assert.Contains("a Fake, a type this notebook declares", Assert.Throws<ExerciseFailedException>(() => Fresh().Returns<object>(() => new[] { new object[] { new[] { fake } } }, "x")).Message, StringComparison.Ordinal);
        var array = Array.CreateInstance(Declared, 1);
        Assert.Contains("a Fake, a type this notebook declares", Assert.Throws<ExerciseFailedException>(() => Fresh().Returns<object>(() => array, "x")).Message, StringComparison.Ordinal);
        var list = Activator.CreateInstance(typeof(List<>).MakeGenericType(Declared))!;
        Assert.Contains("a Fake, a type this notebook declares", Assert.Throws<ExerciseFailedException>(() => Fresh().Returns<object>(() => list, "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Returns_ADeclaredTypeNestedDeeperThanThreeLevels_IsNotLookedFor_AndTextIsNotTakenApart()
    {
        var fake = Fake();
        object deep = new[] { new[] { new[] { new[] { fake } } } };

        var ex = Assert.Throws<ExerciseFailedException>(() => Fresh().Returns(() => deep, "x"));
        Assert.DoesNotContain("declares", ex.Message, StringComparison.Ordinal); // judged as a plain wrong answer
        Fresh().Returns<object>(() => "text", "text").Returns<object?>(() => null, null);
    }

    [Fact]
    public void Returns_DeclaredTypesInside_DotNetsGenericTypes_AreFound_ButDotNetsOwnAreNot()
    {
        var dictionary = new Dictionary<string, List<int>> { ["a"] = [1] };
        Fresh().Returns(() => dictionary, dictionary);

        var holder = Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), Declared))!;
        Assert.Contains("declares", Assert.Throws<ExerciseFailedException>(() => Fresh().Returns<object>(() => holder, "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_WritesEachKindOfValueAsCSharpWould()
    {
        Assert.Equal("null", ExerciseCheck.Show(null));
        Assert.Equal("'x'", ExerciseCheck.Show('x'));
        Assert.Equal("true", ExerciseCheck.Show(true));
        Assert.Equal("false", ExerciseCheck.Show(false));
        Assert.Equal("(1, \"a\", 'b')", ExerciseCheck.Show((1, "a", 'b')));
        Assert.Equal("[1, 2]", ExerciseCheck.Show(new List<int> { 1, 2 }));
        Assert.Equal(nameof(Silent), ExerciseCheck.Show(new Silent()));
        Assert.Equal("0b00000001_00000010", ExerciseCheck.Show((ushort)0x0102, Notation.Binary));
        Assert.Equal("192.168.0.1", ExerciseCheck.Show(0xC0A80001u, Notation.DottedQuad));
    }

    private sealed class Silent
    {
        public override string? ToString() => null;
    }

    [Fact]
    public void Canonical_EveryIntegerType_IsWrittenInFull()
    {
        foreach (var value in new object[] { (sbyte)-1, (byte)1, (short)-2, (ushort)2, -3, 3u, -4L, 4UL, (Int128)5, (UInt128)6, 7.5m })
        {
            var node = CanonicalValue.Of(value);
            Assert.Equal((value.GetType().FullName, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)), ((string?)node["type"], (string?)node["value"]));
        }
        Assert.Equal("1.25", (string?)CanonicalValue.Of(1.25f)["value"]);
        Assert.Equal("0.30000000000000004", (string?)CanonicalValue.Of(0.1 + 0.2)["value"]); // round-trips
    }

    [Fact]
    public void Canonical_NestingPastEightLevels_IsTooDeep_AndACompilersListIsItsItems()
    {
        object value = 1;
        for (var i = 0; i < 9; i++)
        {
            value = new object[] { value };
        }
        var text = CanonicalValue.Of(value).ToJsonString();
        Assert.Contains("\"too deep\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"too deep\"", CanonicalValue.Of(((object[])value)[0]).ToJsonString(), StringComparison.Ordinal);
    }

    public sealed record Throwing(int Fine)
    {
        public int Broken => throw new InvalidOperationException("no");
    }

    [Fact]
    public void Canonical_ARecord_IsItsPropertiesWithoutTheCompilersOwn_AndOneThatThrowsSaysSo()
    {
        var node = CanonicalValue.Of(new Throwing(3));
        var properties = node["value"]!.AsObject();

        Assert.Equal(["Fine", "Broken"], properties.Select(p => p.Key));
        Assert.Equal("(threw InvalidOperationException)", (string?)properties["Broken"]!["value"]);
        Assert.Equal("3", (string?)properties["Fine"]!["value"]);
    }

    [Fact]
    public void Canonical_ADeclaredTypesList_IsNotTakenForTheCompilers()
    {
        var list = Activator.CreateInstance(typeof(List<>).MakeGenericType(Declared))!;

        Assert.Equal("notebook:List`1", (string?)CanonicalValue.Of(list)["type"]);
    }

    [Fact]
    public void Scoreboard_TextAndHtml_LabelEveryStateAndGiveTheTotals()
    {
        Check.Reset();
        Check.Exercise(1).Returns(() => 1, 1).Returns(() => 2, 2);
        Assert.Throws<NotImplementedException>(() => Check.Exercise(2).Returns<int>(() => throw new NotImplementedException(), 1));
        Assert.Throws<ExerciseFailedException>(() => Check.Exercise(3).Returns(() => 1, 2));

        var board = Check.Summary();
        var lines = board.ToString().Split('\n');

        Assert.Equal("Exercise 1  ✓ passed  2 checks passed", lines[0]);
        Assert.Equal("Exercise 2  to do    ", lines[1][..21]);
        Assert.StartsWith("Exercise 3  ✗ failed  Exercise 3: 1 returned 1; expected 2", lines[2], StringComparison.Ordinal);
        Assert.Equal("1 of 3 checked exercises passed.", lines[3]);
        var bundle = board.ToMimeBundle();
        Assert.Equal(board.ToString(), bundle["text/plain"]);
        Assert.EndsWith("</table><p>1 of 3 checked exercises passed.</p>", bundle["text/html"], StringComparison.Ordinal);
        Assert.Contains(">✓ passed</td>", bundle["text/html"], StringComparison.Ordinal);
        Check.Reset();
        Assert.Equal("No exercise has been checked yet: run the check cells.", Check.Summary().ToString());
    }

    [Fact]
    public void Scoreboard_AnExerciseStartedWithNoChecks_HasPassedNothing()
    {
        Check.Reset();
        Check.Exercise(5);

        Assert.Equal((5, ExerciseStatus.Passed, "0 checks passed"), Assert.Single(Check.Summary().Results));
    }
}
