namespace NetworkingLessons.Concurrency;

/// <summary>The three ways lesson 12 serves many echo clients at once.</summary>
public enum EchoDesign
{
    /// <summary>A thread for each client, blocking in Receive and Send: the tutorials' threaded server.</summary>
    ThreadPerClient,
    /// <summary>One thread that asks <c>Socket.Select</c> which sockets are ready and serves those: Python's <c>select.select</c> loop.</summary>
    SelectLoop,
    /// <summary>An asynchronous loop per connection on the thread pool: the course's <see cref="Echo.EchoServer"/>.</summary>
    AsyncAwait,
}
