using NetworkingLessons.Serialization;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Serialization;

/// <summary>Byte for byte with Python's msgpack (Debian's python3-msgpack), both ways, over random values.</summary>
public sealed class PythonMsgpackTests
{
    // Reads hex lines, decodes each with msgpack, encodes it again, and prints the hex.
    private const string Repack = """
        import msgpack, sys
        for line in sys.stdin:
            value = msgpack.unpackb(bytes.fromhex(line.strip()), raw=False, strict_map_key=False)
            print(msgpack.packb(value, use_bin_type=True).hex())
        """;

    // Makes random values with Python's own generator, and prints each encoded, as hex.
    private const string Generate = """
        import msgpack, random, sys
        random.seed(int(sys.argv[1]))
        def value(depth=0):
            kind = random.randrange(9 if depth >= 3 else 11)
            if kind == 0: return None
            if kind == 1: return random.random() < 0.5
            if kind == 2: return random.randrange(-40, 200)
            if kind == 3: return random.randrange(-2**63, 2**64)
            if kind == 4: return random.random() * 10 ** random.randrange(-5, 300)
            if kind == 5: return "".join(random.choice("aé测😀z") for _ in range(random.choice([0, 5, 40, 300, 70000])))
            if kind == 6: return random.randbytes(random.choice([0, 3, 300, 70000]))
            if kind == 7: return msgpack.Timestamp(random.randrange(-2**40, 2**40), random.randrange(10**9))
            if kind == 8: return msgpack.ExtType(random.randrange(128), random.randbytes(random.choice([1, 2, 3, 4, 8, 16, 17, 300])))
            if kind == 9: return [value(depth + 1) for _ in range(random.choice([0, 2, 20]))]
            return {("k%d" % i): value(depth + 1) for i in range(random.choice([0, 3, 17]))}
        for _ in range(int(sys.argv[2])):
            print(msgpack.packb(value(), use_bin_type=True).hex())
        """;

    [PeerFact(Peer.PythonMsgpack)]
    public async Task WhatWeWrite_PythonReadsAndWritesBackTheSameBytes()
    {
        var random = new Random(15);
        var encoded = Enumerable.Range(0, 400).Select(_ => MessagePackSerializer.Serialize(MessagePackValues.Random(random))).ToList();

        var lines = await RunPythonAsync(Repack, [], string.Join('\n', encoded.Select(Convert.ToHexString)) + "\n");

        Assert.Equal(encoded.Count, lines.Count);
        for (var i = 0; i < encoded.Count; i++)
        {
            Assert.True(Convert.ToHexString(encoded[i]).Equals(lines[i], StringComparison.OrdinalIgnoreCase), $"value {i}: Python wrote back other bytes");
        }
    }

    [PeerFact(Peer.PythonMsgpack)]
    public async Task WhatPythonWrites_WeReadAndWriteBackTheSameBytes()
    {
        var lines = await RunPythonAsync(Generate, ["2026", "400"], "");

        Assert.Equal(400, lines.Count);
        foreach (var line in lines)
        {
            var bytes = Convert.FromHexString(line);
            var value = MessagePackSerializer.Deserialize(bytes);
            // Python writes every float as a float 64; so do we, unless a float 32 holds it exactly.
            var again = MessagePackSerializer.Serialize(value);
            Assert.True(bytes.AsSpan().SequenceEqual(again) || HoldsExactFloat32(value), $"we wrote back other bytes for {line[..Math.Min(line.Length, 80)]}");
            Assert.True(MessagePackValues.Same(value, MessagePackSerializer.Deserialize(again)));
        }
    }

    private static bool HoldsExactFloat32(object? value) => value switch
    {
        double d => (double)(float)d == d,
        System.Collections.IDictionary map => map.Values.Cast<object?>().Any(HoldsExactFloat32),
        System.Collections.IList list => list.Cast<object?>().Any(HoldsExactFloat32),
        _ => false,
    };

    private static async Task<List<string>> RunPythonAsync(string script, string[] arguments, string input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"msgpack-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(path, script);
        try
        {
            using var python = PeerProcess.Start(Peers.PythonWithMsgpack(), [path, .. arguments]);
            var waiting = python.WaitAsync(120); // reads its output while we write its input: neither pipe fills up
            await python.WriteAndCloseInputAsync(input);
            var (code, stdout, stderr) = await waiting;
            Assert.True(code == 0, stderr);
            return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
