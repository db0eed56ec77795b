namespace NetworkingLessons.Serialization;

/// <summary>How an <see cref="ObjectChannel"/> turns objects into bytes.</summary>
public enum ObjectEncoding
{
    /// <summary>MessagePack, with the course's <see cref="MessagePackSerializer"/>.</summary>
    MessagePack,
    /// <summary>JSON as UTF-8, with System.Text.Json.</summary>
    Json,
}
