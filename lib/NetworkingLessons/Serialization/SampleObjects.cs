namespace NetworkingLessons.Serialization;

/// <summary>A chat message: what lesson 15's object channel carries.</summary>
/// <param name="From">Who sent it.</param>
/// <param name="Text">What they wrote.</param>
/// <param name="Sent">When.</param>
/// <param name="Tags">Labels on it.</param>
public sealed record ChatMessage(string From, string Text, DateTimeOffset Sent, IReadOnlyList<string> Tags);

/// <summary>A sensor's reading: numbers, where MessagePack's binary forms pay most.</summary>
/// <param name="Station">The station's name.</param>
/// <param name="Celsius">The temperature.</param>
/// <param name="Humidity">Relative humidity, 0 to 1.</param>
/// <param name="At">When it was taken.</param>
/// <param name="Samples">The raw samples.</param>
public sealed record SensorReading(string Station, double Celsius, double Humidity, DateTimeOffset At, IReadOnlyList<int> Samples);

/// <summary>The objects lesson 15 sends and its benchmark measures, the same every time.</summary>
public static class SampleObjects
{
    /// <summary>A chat message.</summary>
    public static ChatMessage Chat { get; } = new("ada", "Hello from the object channel! Nothing here is pickled.", new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), ["greeting", "lesson-15"]);

    /// <summary>A reading with twenty samples.</summary>
    public static SensorReading Reading { get; } = new("Zürich-Fluntern", 21.5, 0.43, new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), [.. Enumerable.Range(0, 20).Select(i => 1000 + i * 37 % 200)]);

    /// <summary>A hundred readings: a batch.</summary>
    public static IReadOnlyList<SensorReading> Batch { get; } = [.. Enumerable.Range(0, 100).Select(i => Reading with { Celsius = 20 + i * 0.1, At = Reading.At.AddMinutes(i) })];
}
