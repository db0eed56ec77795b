namespace NetworkingLessons.Addresses;

/// <summary>Text that is not a strict dotted quad; the message quotes the text and names the problem.</summary>
public sealed class AddressFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="text"/>.</summary>
    public AddressFormatException(string text, string problem) : base($"'{text}' is not a dotted quad: {problem}")
    {
        Text = text;
        Problem = problem;
    }

    /// <summary>The rejected text.</summary>
    public string Text { get; }

    /// <summary>What is wrong with it, without the text.</summary>
    public string Problem { get; }
}
