using System.Text.Json.Nodes;
using NetworkingLessons.Cli.Grading;
using NetworkingLessons.Notebooks.Grading;

namespace NetworkingLessons.Cli.Tests.Grading;

public sealed class ProbeVerdictTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"verdict-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_file);

    private static JsonObject Value(string type, JsonNode? value) => new() { ["type"] = type, ["value"] = value };

    private static JsonObject Expected(JsonObject value, string? hint = null, string rule = CheckProtocol.Returns, string text = "0x0A000001") => new()
    {
        ["probe"] = "4.0", ["exercise"] = 1, ["rule"] = rule, ["call"] = "ToNumber(\"10.0.0.1\")", ["expected"] = value, ["expectedText"] = text, ["hint"] = hint,
    };

    private static JsonObject Threw(params string[] types) => new()
    {
        ["probe"] = "4.0", ["threw"] = $"{types[0].Split('.')[^1]} (bad)", ["exception"] = new JsonArray([.. types.Select(t => (JsonNode)t)]),
    };

    private static JsonObject Found(JsonObject value, string text) => new() { ["probe"] = "4.0", ["actual"] = value, ["actualText"] = text };

    [Fact]
    public void Same_IntegersOfAnyWidth_CompareByValue()
    {
        Assert.True(ProbeVerdict.Same(Value("System.Int64", "42"), Value("System.Int32", "42")));
        Assert.False(ProbeVerdict.Same(Value("System.UInt32", "4294967295"), Value("System.Int32", "-1")));
        Assert.True(ProbeVerdict.Same(Value("System.Double", "2"), Value("System.Int32", "2")));
        Assert.False(ProbeVerdict.Same(Value("System.Double", "0.1"), Value("System.Double", "0.10000000000000002")));
    }

    [Fact]
    public void Same_OtherTypes_MustBeTheSameType()
    {
        Assert.True(ProbeVerdict.Same(Value("System.String", "a"), Value("System.String", "a")));
        Assert.False(ProbeVerdict.Same(Value("System.String", "1"), Value("System.Int32", "1")));
        Assert.False(ProbeVerdict.Same(Value("System.Net.IPAddress", "::1"), Value("System.String", "::1")));
        Assert.False(ProbeVerdict.Same(Value("System.Boolean", true), Value("System.Boolean", false)));
    }

    [Fact]
    public void Same_SequencesAndRecords_ItemByItem()
    {
        JsonObject Seq(params string[] items) => Value("sequence", new JsonArray([.. items.Select(i => (JsonNode)Value("System.String", i))]));

        Assert.True(ProbeVerdict.Same(Seq("one", "two"), Seq("one", "two")));
        Assert.False(ProbeVerdict.Same(Seq("one", "two"), Seq("one")));
        Assert.False(ProbeVerdict.Same(Seq("one", "two"), Seq("two", "one")));
        Assert.False(ProbeVerdict.Same(Value("sequence", "too long"), Value("sequence", "too long")));
        var record = Value("NetworkingLessons.Services.ServiceEntry", new JsonObject { ["Port"] = Value("System.Int32", "80") });
        Assert.True(ProbeVerdict.Same(record, (JsonObject)record.DeepClone()));
        Assert.False(ProbeVerdict.Same(record, Value("NetworkingLessons.Services.ServiceEntry", new JsonObject { ["Port"] = Value("System.Int32", "8080") })));
    }

    [Fact]
    public void Same_ANotebooksType_NeverStandsIn()
    {
        Assert.False(ProbeVerdict.Same(Value("notebook:Liar", null), Value("notebook:Liar", null)));
    }

    [Fact]
    public void Judge_RightValue_Passes()
    {
        Assert.Null(ProbeVerdict.Judge(1, Expected(Value("System.UInt32", "167772161")), Found(Value("System.UInt32", "167772161"), "0x0A000001")));
    }

    [Fact]
    public void Judge_WrongValue_IsWordedAsTheCheckWordsIt()
    {
        var verdict = ProbeVerdict.Judge(1, Expected(Value("System.UInt32", "167772161"), "the first part is the most significant byte"),
            Found(Value("System.UInt32", "16777226"), "0x0100000A"));

        Assert.Equal((ExerciseState.Failed, "Exercise 1: ToNumber(\"10.0.0.1\") returned 0x0100000A; expected 0x0A000001 — the first part is the most significant byte"), verdict);
    }

    [Fact]
    public void Judge_ThrewStubbedAndMissing()
    {
        var expected = Expected(Value("System.UInt32", "1"));

        Assert.Equal(ExerciseState.Failed, ProbeVerdict.Judge(1, expected, new JsonObject { ["probe"] = "4.0", ["threw"] = "FormatException (bad)" })!.Value.State);
        Assert.Contains("threw FormatException (bad); expected 0x0A000001", ProbeVerdict.Judge(1, expected, new JsonObject { ["probe"] = "4.0", ["threw"] = "FormatException (bad)" })!.Value.Message);
        Assert.Equal(ExerciseState.ToDo, ProbeVerdict.Judge(1, expected, new JsonObject { ["probe"] = "4.0", ["toDo"] = "NotImplementedException" })!.Value.State);
        Assert.Equal(ExerciseState.NotRun, ProbeVerdict.Judge(1, expected, null)!.Value.State);
        Assert.Equal(ExerciseState.Failed, ProbeVerdict.Judge(1, expected, new JsonObject { ["probe"] = "4.0" })!.Value.State);
    }

    [Fact]
    public void Same_Within_EachNumberMayBeThatFarOff_NothingElse()
    {
        JsonObject Pair(string a, string b) => Value("tuple", new JsonArray(Value("System.Double", a), Value("System.Double", b)));

        Assert.True(ProbeVerdict.Same(Pair("10", "0.2"), Pair("9.9999999999", "0.2000000001"), 1e-9));
        Assert.False(ProbeVerdict.Same(Pair("10", "0.2"), Pair("9.9999999999", "0.2000000001")));
        Assert.False(ProbeVerdict.Same(Pair("10", "0.2"), Pair("10.1", "0.2"), 1e-9));
        Assert.False(ProbeVerdict.Same(Value("System.String", "a"), Value("System.Double", "1"), 10));
        Assert.False(ProbeVerdict.Same(Value("System.Double", "1"), Value("System.Double", "NaN"), 10));
        Assert.True(ProbeVerdict.Same(Value("System.Int32", "3"), Value("System.Double", "3.5"), 0.5));
    }

    [Fact]
    public void Judge_Within_TakesTheToleranceFromTheExpectedSide()
    {
        var expected = Expected(Value("System.Double", "0.3"));
        expected["within"] = 1e-9;

        Assert.Null(ProbeVerdict.Judge(1, expected, Found(Value("System.Double", "0.30000000000000004"), "0.30000000000000004")));
        Assert.NotNull(ProbeVerdict.Judge(1, Expected(Value("System.Double", "0.3")), Found(Value("System.Double", "0.30000000000000004"), "0.30000000000000004")));
    }

    [Theory]
    [InlineData("System.Double", "19.99", true)]
    [InlineData("System.Double", "20", false)]
    [InlineData("System.Double", "41.5", false)]
    [InlineData("System.Double", "NaN", false)]
    [InlineData("System.Int64", "-3", true)]
    [InlineData("System.String", "1", false)]
    public void Judge_LessThan_OnlyANumberUnderTheLimit(string type, string value, bool passes)
    {
        var expected = Expected(Value("System.Int32", "20"), "turn Nagle off", CheckProtocol.LessThan, "less than 20");

        var verdict = ProbeVerdict.Judge(1, expected, Found(Value(type, value), value));

        Assert.Equal(passes, verdict is null);
        if (!passes)
        {
            Assert.Equal($"Exercise 1: ToNumber(\"10.0.0.1\") returned {value}; expected less than 20 — turn Nagle off", verdict!.Value.Message);
        }
    }

    [Fact]
    public void Judge_Throws_TheTypeOrASubclass_AndNothingElse()
    {
        var expected = Expected(Value("System.String", "System.ArgumentException"), "too short", CheckProtocol.Throws, "ArgumentException");

        Assert.Null(ProbeVerdict.Judge(1, expected, Threw("System.ArgumentException", "System.SystemException", "System.Exception")));
        Assert.Null(ProbeVerdict.Judge(1, expected, Threw("System.ArgumentOutOfRangeException", "System.ArgumentException", "System.Exception")));
        Assert.Equal("Exercise 1: ToNumber(\"10.0.0.1\") threw FormatException (bad); expected ArgumentException — too short",
            ProbeVerdict.Judge(1, expected, Threw("System.FormatException", "System.SystemException", "System.Exception"))!.Value.Message);
        Assert.Equal("Exercise 1: ToNumber(\"10.0.0.1\") threw nothing; expected ArgumentException — too short",
            ProbeVerdict.Judge(1, expected, Found(Value("void", null), "nothing"))!.Value.Message);
        Assert.Equal(ExerciseState.ToDo, ProbeVerdict.Judge(1, expected, new JsonObject { ["probe"] = "4.0", ["toDo"] = true })!.Value.State);
        // A report with no list of types, or a Returns check that threw the type, is no pass.
        Assert.NotNull(ProbeVerdict.Judge(1, expected, new JsonObject { ["probe"] = "4.0", ["threw"] = "ArgumentException (bad)" }));
        Assert.NotNull(ProbeVerdict.Judge(1, Expected(Value("System.String", "System.ArgumentException")), Threw("System.ArgumentException")));
    }

    [Fact]
    public void Judge_AnUnknownRule_NeverPasses()
    {
        Assert.NotNull(ProbeVerdict.Judge(1, Expected(Value("System.Int32", "1"), rule: "anything"), Found(Value("System.Int32", "1"), "1")));
    }

    [Fact]
    public void Judge_ANotebooksType_FailsNamingIt()
    {
        var verdict = ProbeVerdict.Judge(1, Expected(Value("System.UInt32", "1")),
            Found(Value("sequence", new JsonArray(Value("notebook:Liar", null))), "[1]"));

        Assert.Contains("returned a Liar, a type this notebook declares", verdict!.Value.Message);
    }

    [Fact]
    public void Read_KnownProbesOnce_ByTheirId()
    {
        File.WriteAllLines(_file, ["""{"probe":"1.0","actual":{"type":"System.Int32","value":"1"}}""", """{"probe":"1.1","toDo":"x"}"""]);

        var probes = ProbeVerdict.Read(_file, 1 << 20, new HashSet<string> { "1.0", "1.1", "1.2" });

        Assert.Equal(["1.0", "1.1"], probes!.Keys.Order());
        Assert.Empty(ProbeVerdict.Read(_file + ".none", 1 << 20, new HashSet<string>())!);
    }

    [Theory]
    [InlineData("""{"probe":"1.0"}""" + "\n" + """{"probe":"1.0"}""")] // repeated
    [InlineData("""{"probe":"9.9"}""")] // not a check of this notebook
    [InlineData("""{"probe":1}""")] // not an id
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Read_AForgedOrBrokenFile_CountsForNothing(string content)
    {
        File.WriteAllText(_file, content);

        Assert.Null(ProbeVerdict.Read(_file, 1 << 20, new HashSet<string> { "1.0" }));
    }

    [Fact]
    public void Read_AFileOverTheLimit_IsNotRead()
    {
        File.WriteAllText(_file, """{"probe":"1.0"}""");

        Assert.Null(ProbeVerdict.Read(_file, 4, new HashSet<string> { "1.0" }));
    }
}
