using System.Collections;
using System.Text;
using NetworkingLessons.Serialization;

namespace NetworkingLessons.Tests.Serialization;

/// <summary>Random MessagePack values for the property tests, and a comparison that treats numbers by value.</summary>
internal static class MessagePackValues
{
    public static object? Random(Random random, int depth = 0, bool floats = true)
    {
        var kind = random.Next(depth >= 3 ? 9 : 11);
        return kind switch
        {
            0 => null,
            1 => random.Next(2) == 0,
            2 => (long)random.Next(-40, 200),
            3 => random.NextInt64(long.MinValue, long.MaxValue),
            4 => random.Next(2) == 0 ? (long)random.Next(int.MinValue, int.MaxValue) : (long)random.Next(short.MinValue, ushort.MaxValue),
            5 => floats ? BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && !double.IsNaN(d) && (double)(float)d != d ? d : 1.0 / 3 : (long)random.Next(),
            6 => RandomString(random),
            7 => RandomBytes(random),
            8 => random.Next(3) switch
            {
                0 => new MessagePackTimestamp(random.NextInt64(0, 1L << 32), 0),
                1 => new MessagePackTimestamp(random.NextInt64(0, 1L << 34), (uint)random.Next(1_000_000_000)),
                _ => new MessagePackTimestamp(random.NextInt64(-(1L << 40), 1L << 40), (uint)random.Next(1_000_000_000)),
            },
            9 => Enumerable.Range(0, random.Next(random.Next(2) == 0 ? 20 : 3)).Select(_ => Random(random, depth + 1, floats)).ToList(),
            _ => Enumerable.Range(0, random.Next(random.Next(2) == 0 ? 18 : 4)).Select(i => ($"k{i}{RandomString(random)}", Random(random, depth + 1, floats)))
                .DistinctBy(p => p.Item1).ToDictionary(p => (object)p.Item1, p => p.Item2),
        };
    }

    private static string RandomString(Random random)
    {
        var length = random.Next(4) switch { 0 => 0, 1 => random.Next(1, 32), 2 => random.Next(32, 300), _ => random.Next(300, 70_000) };
        var builder = new StringBuilder();
        while (builder.Length < length)
        {
            builder.Append(random.Next(5) switch { 0 => "é", 1 => "测", 2 => "😀", _ => ((char)random.Next('a', 'z' + 1)).ToString() });
        }
        return builder.ToString();
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(4) switch { 0 => 0, 1 => random.Next(1, 256), 2 => random.Next(256, 70_000), _ => random.Next(10) }];
        random.NextBytes(bytes);
        return bytes;
    }

    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (string x, string y) => x == y,
        (bool x, bool y) => x == y,
        (double or float, _) or (_, double or float) => IsNumber(a) && IsNumber(b) && Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture).Equals(Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
        (long or ulong or int, long or ulong or int) => Convert.ToDecimal(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDecimal(b, System.Globalization.CultureInfo.InvariantCulture),
        (IDictionary x, IDictionary y) => x.Count == y.Count && x.Keys.Cast<object>().All(k => y.Contains(k) && Same(x[k], y[k])),
        (IList x, IList y) => x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => Same(x[i], y[i])),
        _ => a.Equals(b),
    };

    private static bool IsNumber(object o) => o is double or float or long or ulong or int;
}
