using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NetworkingLessons.Serialization;

namespace NetworkingLessons.Benchmarks;

/// <summary>
/// Encode and decode of lesson 15's objects, MessagePack (the course's codec) against
/// System.Text.Json on the same objects in the same run; the sizes are printed once at setup.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class SerializationBenchmarks
{
    private byte[] _chatPack = [];
    private byte[] _chatJson = [];
    private byte[] _batchPack = [];
    private byte[] _batchJson = [];

    [GlobalSetup]
    public void Setup()
    {
        _chatPack = MessagePackSerializer.Serialize(SampleObjects.Chat);
        _chatJson = JsonSerializer.SerializeToUtf8Bytes(SampleObjects.Chat);
        _batchPack = MessagePackSerializer.Serialize(SampleObjects.Batch);
        _batchJson = JsonSerializer.SerializeToUtf8Bytes(SampleObjects.Batch);
        Console.WriteLine($"// sizes: chat {_chatPack.Length} B MessagePack, {_chatJson.Length} B JSON ({(double)_chatPack.Length / _chatJson.Length:P0}); batch {_batchPack.Length} B MessagePack, {_batchJson.Length} B JSON ({(double)_batchPack.Length / _batchJson.Length:P0})");
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("chat")]
    public ChatMessage ChatJson() => JsonSerializer.Deserialize<ChatMessage>(JsonSerializer.SerializeToUtf8Bytes(SampleObjects.Chat))!;

    [Benchmark]
    [BenchmarkCategory("chat")]
    public ChatMessage ChatMessagePack() => MessagePackSerializer.Deserialize<ChatMessage>(MessagePackSerializer.Serialize(SampleObjects.Chat));

    [Benchmark]
    [BenchmarkCategory("batch")]
    public IReadOnlyList<SensorReading> BatchJson() => JsonSerializer.Deserialize<List<SensorReading>>(JsonSerializer.SerializeToUtf8Bytes(SampleObjects.Batch))!;

    [Benchmark]
    [BenchmarkCategory("batch")]
    public IReadOnlyList<SensorReading> BatchMessagePack() => MessagePackSerializer.Deserialize<List<SensorReading>>(MessagePackSerializer.Serialize(SampleObjects.Batch));
}
