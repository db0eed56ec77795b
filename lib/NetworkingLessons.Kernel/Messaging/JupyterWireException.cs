namespace NetworkingLessons.Kernel.Messaging;

/// <summary>A message that breaks the Jupyter wire format: no delimiter, too few frames, a bad signature, a part that is not a JSON object. The message says which.</summary>
public sealed class JupyterWireException : Exception
{
    /// <summary>Creates the exception with a message naming the part and the problem.</summary>
    public JupyterWireException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JupyterWireException(string message, Exception inner) : base(message, inner)
    {
    }
}
