namespace NetworkingLessons.Jupyter;

/// <summary>One of a kernel's five sockets, as lesson 16's table shows it.</summary>
/// <param name="Name">The channel: shell, iopub, stdin, control or hb.</param>
/// <param name="Port">Its TCP port in the connection file.</param>
/// <param name="KernelSocket">The ZMTP socket type the kernel binds.</param>
/// <param name="FrontEndSocket">The type the front end connects with.</param>
/// <param name="Carries">What travels on it.</param>
public sealed record JupyterChannel(string Name, int Port, string KernelSocket, string FrontEndSocket, string Carries);
