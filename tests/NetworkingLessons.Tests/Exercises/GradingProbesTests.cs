using System.Net;
using System.Text.Json.Nodes;
using NetworkingLessons.Exercises;
using NetworkingLessons.Services;

namespace NetworkingLessons.Tests.Exercises;

[Collection(nameof(CheckTests))] // the probes' file is named by a process-wide environment variable
public sealed class GradingProbesTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"probes-{Guid.NewGuid():N}.jsonl");

    public GradingProbesTests() => Environment.SetEnvironmentVariable(CourseVariables.GradingProbes, _file);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(CourseVariables.GradingProbes, null);
        File.Delete(_file);
    }

    private List<JsonObject> Written() => [.. File.ReadAllLines(_file).Select(l => (JsonObject)JsonNode.Parse(l)!)];

    private static string Canonical(object? value) => CanonicalValue.Of(value).ToJsonString();

    [Fact]
    public void Canonical_Numbers_AreWrittenInFullWithTheirType()
    {
        Assert.Equal("""{"type":"System.UInt32","value":"3232235521"}""", Canonical(0xC0A80001u));
        Assert.Equal("""{"type":"System.Int64","value":"-5"}""", Canonical(-5L));
        Assert.Equal("""{"type":"System.Double","value":"0.1"}""", Canonical(0.1));
        Assert.Equal("""{"type":"System.Byte","value":"255"}""", Canonical((byte)255));
    }

    [Fact]
    public void Canonical_TextAddressesAndNothing()
    {
        Assert.Equal("""{"type":"System.String","value":"192.168.0.1"}""", Canonical("192.168.0.1"));
        Assert.Equal("""{"type":"System.Net.IPAddress","value":"::1"}""", Canonical(IPAddress.IPv6Loopback));
        Assert.Equal("""{"type":"System.Net.IPEndPoint","value":"127.0.0.1:7"}""", Canonical(new IPEndPoint(IPAddress.Loopback, 7)));
        Assert.Equal("""{"type":"null","value":null}""", Canonical(null));
        Assert.Equal("""{"type":"System.Boolean","value":true}""", Canonical(true));
        Assert.Equal("""{"type":"System.DayOfWeek","value":"Monday"}""", Canonical(DayOfWeek.Monday));
    }

    [Fact]
    public void Canonical_SequencesAndTuples_ItemByItem_WhateverHoldsThem()
    {
        Assert.Equal(Canonical(new List<string> { "one", "two" }), Canonical(new[] { "one", "two" }));
        Assert.Equal("""{"type":"tuple","value":[{"type":"System.Int32","value":"1"},{"type":"System.String","value":"a"}]}""", Canonical((1, "a")));
        Assert.NotEqual(Canonical(new[] { 1, 2 }), Canonical(new[] { 2, 1 }));
    }

    [Fact]
    public void Canonical_CourseRecord_PropertyByProperty()
    {
        var entry = Canonical(new ServiceEntry("http", 80, "tcp", ["www"]));

        Assert.Equal(entry, Canonical(new ServiceEntry("http", 80, "tcp", ["www"])));
        Assert.NotEqual(entry, Canonical(new ServiceEntry("http", 80, "tcp", ["web"])));
        Assert.Contains("\"Aliases\"", entry);
    }

    [Fact]
    public void Canonical_ATypeACellDeclared_IsWrittenAsSuch_WithNothingOfItsOwnSaying()
    {
        // Cells compile to assemblies in memory, with no file; a dynamic one stands in for a cell's.
        var module = System.Reflection.Emit.AssemblyBuilder.DefineDynamicAssembly(new System.Reflection.AssemblyName("cell"), System.Reflection.Emit.AssemblyBuilderAccess.Run)
            .DefineDynamicModule("cell");
        var liar = Activator.CreateInstance(module.DefineType("Liar", System.Reflection.TypeAttributes.Public).CreateType());

        Assert.Equal("""{"type":"notebook:Liar","value":null}""", Canonical(liar));
        Assert.Equal("""{"type":"sequence","value":[{"type":"notebook:Liar","value":null}]}""", Canonical(new[] { liar }));
    }

    [Fact]
    public void Canonical_ALongSequence_IsTooLongRatherThanHuge()
    {
        Assert.Equal("""{"type":"sequence","value":"too long"}""", Canonical(Enumerable.Range(0, CanonicalValue.MaxItems + 1)));
    }

    [Fact]
    public void Expects_RecordsTheExpectedValueAndItsWording_WithoutRunningTheCall()
    {
        var ran = false;

        Check.Exercise(1).Expects(() => { ran = true; return 1u; }, 0xC0A80001u, "the first part is the most significant byte", Notation.Hex, probe: "7.0");

        var probe = Assert.Single(Written());
        Assert.False(ran);
        Assert.Equal("7.0", (string?)probe["probe"]);
        Assert.Equal(1, (int?)probe["exercise"]);
        Assert.Equal("0xC0A80001", (string?)probe["expectedText"]);
        Assert.Equal("the first part is the most significant byte", (string?)probe["hint"]);
        Assert.Equal("System.UInt32", (string?)probe["expected"]!["type"]);
        Assert.StartsWith("{ ran = true;", (string?)probe["call"]);
        Assert.Equal(CheckProtocol.Returns, (string?)probe["rule"]);
        Assert.False(probe.ContainsKey("within"));
    }

    [Fact]
    public void Expects_TheOtherRules_RecordWhatTheGraderNeeds()
    {
        var ran = false;

        Check.Exercise(3)
            .Expects(() => (0.1 + 0.2, 1.0), (0.3, 1), "round", within: 1e-9, probe: "4.0")
            .ExpectsLessThan(() => { ran = true; return 40.0; }, 20, "Nagle", probe: "4.1")
            .ExpectsThrow<ArgumentException>(() => { ran = true; }, "too short", probe: "4.2");

        var probes = Written();
        Assert.False(ran);
        Assert.Equal(1e-9, (double?)probes[0]["within"]);
        Assert.Equal((CheckProtocol.LessThan, "less than 20", "20", "System.Double"),
            ((string?)probes[1]["rule"], (string?)probes[1]["expectedText"], (string?)probes[1]["expected"]!["value"], (string?)probes[1]["expected"]!["type"]));
        Assert.Equal((CheckProtocol.Throws, "ArgumentException", "System.ArgumentException"),
            ((string?)probes[2]["rule"], (string?)probes[2]["expectedText"], (string?)probes[2]["expected"]!["value"]));
    }

    [Fact]
    public void Reports_AnException_WithEveryBaseType_SoASubclassCanBeTold()
    {
        Check.Exercise(4).Reports(() => throw new ArgumentOutOfRangeException("port"), probe: "5.0")
            .Reports(() => { }, probe: "5.1");

        var probes = Written();
        Assert.Equal(["System.ArgumentOutOfRangeException", "System.ArgumentException", "System.SystemException", "System.Exception", "System.Object"],
            probes[0]["exception"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("void", (string?)probes[1]["actual"]!["type"]);
        Assert.Equal("nothing", (string?)probes[1]["actualText"]);
    }

    [Fact]
    public void LocalChecks_InAGradedRun_FailRatherThanJudgeInTheStudentsProcess()
    {
        Check.Reset();

        var returns = Assert.Throws<ExerciseFailedException>(() => Check.Exercise(1).Returns(() => 1, 1));
        Assert.Throws<ExerciseFailedException>(() => Check.Exercise(1).ReturnsLessThan(() => 1, 2));
        Assert.Throws<ExerciseFailedException>(() => Check.Exercise(1).Throws<FormatException>(() => int.Parse("x", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains("checked in the student's process during grading", returns.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_file));
    }

    [Fact]
    public void Reports_WhatTheCallReturned_InTheLessonsNotation_AndNeverThrows()
    {
        var checks = Check.Exercise(2).Reports(() => 0x7F000001u, probe: "3.0", notation: Notation.Hex)
            .Reports<int>(() => throw new InvalidOperationException("no"), probe: "3.1")
            .Reports<int>(() => throw new NotImplementedException("Exercise 2"), probe: "3.2");

        var probes = Written();
        Assert.Equal(3, probes.Count);
        Assert.Equal("0x7F000001", (string?)probes[0]["actualText"]);
        Assert.Equal("2130706433", (string?)probes[0]["actual"]!["value"]);
        Assert.Equal("InvalidOperationException (no)", (string?)probes[1]["threw"]);
        Assert.True((bool)probes[2]["toDo"]!);
        Assert.False(probes[0].ContainsKey("toDo"));
        Assert.Equal(["3.0", "3.1", "3.2"], probes.Select(p => (string?)p["probe"]));
        // The cell's result claims no pass: only the grader knows.
        Assert.Equal("Exercise 2: 3 checks sent to the grader", checks.ToString());
        Assert.Equal("Exercise 3: 1 check sent to the grader", Check.Exercise(3).Reports(() => 1, probe: "4.0").ToString());
    }

    [Fact]
    public void Probes_OutsideAutograde_SayWhatTheyAreFor()
    {
        Environment.SetEnvironmentVariable(CourseVariables.GradingProbes, null);

        var ex = Assert.Throws<InvalidOperationException>(() => Check.Exercise(1).Reports(() => 1, probe: "1.0"));

        Assert.Contains(CourseVariables.GradingProbes, ex.Message);
    }
}
