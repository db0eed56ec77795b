using System.Globalization;
using System.Numerics;
using System.Text.Json;
using NetworkingLessons.Serialization;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Serialization;

/// <summary>Every case of the public msgpack test suite: each of its encodings decodes to the value, and the value encodes to the first (the smallest).</summary>
public sealed class ConformanceTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        if (!File.Exists(CourseFiles.MsgpackTestSuite))
        {
            data.Add("(the suite is not installed)", -1);
            return data;
        }
        using var suite = JsonDocument.Parse(File.ReadAllText(CourseFiles.MsgpackTestSuite));
        foreach (var group in suite.RootElement.EnumerateObject())
        {
            for (var i = 0; i < group.Value.GetArrayLength(); i++)
            {
                data.Add(group.Name, i);
            }
        }
        return data;
    }

    [PeerTheory(Peer.MsgpackTestSuite)]
    [MemberData(nameof(Cases))]
    public void Case_DecodesFromEveryForm_AndEncodesToASmallestForm(string group, int index)
    {
        using var suite = JsonDocument.Parse(File.ReadAllText(CourseFiles.MsgpackTestSuite));
        var test = suite.RootElement.GetProperty(group)[index];
        var forms = test.GetProperty("msgpack").EnumerateArray().Select(f => Convert.FromHexString(f.GetString()!.Replace("-", "", StringComparison.Ordinal))).ToList();
        var expected = Expected(test);

        foreach (var form in forms)
        {
            var decoded = MessagePackSerializer.Deserialize(form);
            Assert.True(MessagePackValues.Same(expected, decoded), $"{group}[{index}]: {Convert.ToHexString(form)} decoded to {decoded}, not {expected}");
        }
        // The smallest form: the suite lists it first; where two forms tie (int 64 and uint 64 for
        // 2^63 - 1), either is the smallest.
        // An integer's smallest form is an integer's, though a float 32 may be shorter (2^32 is exact in one).
        var kin = expected is double ? forms : [.. forms.Where(f => f[0] is not (0xca or 0xcb))];
        var encoded = MessagePackSerializer.Serialize(expected);
        Assert.Contains(Convert.ToHexString(encoded), kin.Where(f => f.Length == kin.Min(g => g.Length)).Select(f => Convert.ToHexString(f)));
    }

    private static object? Expected(JsonElement test)
    {
        if (test.TryGetProperty("bignum", out var big))
        {
            var number = BigInteger.Parse(big.GetString()!, CultureInfo.InvariantCulture);
            return number > long.MaxValue ? (ulong)number : (long)number;
        }
        var (kind, value) = test.EnumerateObject().Where(p => p.Name != "msgpack").Select(p => (p.Name, p.Value)).First();
        return kind switch
        {
            "timestamp" => new MessagePackTimestamp(value[0].GetInt64(), value[1].GetUInt32()),
            "ext" => new MessagePackExtension((sbyte)value[0].GetInt32(), Convert.FromHexString(value[1].GetString()!.Replace("-", "", StringComparison.Ordinal))),
            "binary" => Convert.FromHexString(value.GetString()!.Replace("-", "", StringComparison.Ordinal)),
            _ => FromJson(value),
        };
    }

    private static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? (object)whole : value.TryGetUInt64(out var big) ? (object)big : value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(FromJson).ToList(),
        _ => value.EnumerateObject().ToDictionary(p => (object)p.Name, p => FromJson(p.Value)),
    };
}
