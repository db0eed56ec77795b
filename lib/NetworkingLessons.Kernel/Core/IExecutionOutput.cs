using System.Text.Json.Nodes;

namespace NetworkingLessons.Kernel.Core;

/// <summary>Where a running cell's outputs go; the kernel turns each call into an IOPub message under the request.</summary>
public interface IExecutionOutput
{
    /// <summary>Text on <c>stdout</c> or <c>stderr</c>.</summary>
    void Stream(string name, string text);

    /// <summary>A display (a MIME bundle); with a display id it can be updated later.</summary>
    void Display(JsonObject data, JsonObject metadata, string? displayId);

    /// <summary>New content for the display shown earlier under <paramref name="displayId"/>; it is replaced in place.</summary>
    void UpdateDisplay(JsonObject data, JsonObject metadata, string displayId);

    /// <summary>Clears the cell's outputs so far (at the next output, with <paramref name="wait"/>).</summary>
    void Clear(bool wait);

    /// <summary>The value the code ended with.</summary>
    void Result(JsonObject data, JsonObject metadata);

    /// <summary>An error: its kind, one-line message and further lines.</summary>
    void Error(string name, string value, IReadOnlyList<string> traceback);

    /// <summary>
    /// Asks the front end for a line (input_request on stdin); null when the request did not allow
    /// input or the front end went away.
    /// </summary>
    string? ReadInput(string prompt, bool password, CancellationToken cancellationToken);
}
