using System.Net.Sockets;
using NetworkingLessons.Sockets;

namespace NetworkingLessons.Serialization;

/// <summary>A client for lesson 15's check: it sends chat messages over an <see cref="ObjectChannel"/> to a server under test, one at a time, and collects the replies.</summary>
public static class ChannelTestbench
{
    /// <summary>
    /// Runs <paramref name="serve"/> on the server's channel of a loopback connection; sends each
    /// of <paramref name="texts"/> as a <see cref="ChatMessage"/>, waiting for each reply; then
    /// closes. Returns the replies' texts, and whether the server returned once the client closed.
    /// </summary>
    /// <exception cref="TimeoutException">No reply within <see cref="Testbench.Deadline"/>.</exception>
    public static (IReadOnlyList<string> Replies, bool ServerReturned) Converse(Func<ObjectChannel, Task> serve, IReadOnlyList<string> texts, ObjectEncoding encoding = ObjectEncoding.MessagePack)
    {
        ArgumentNullException.ThrowIfNull(serve);
        ArgumentNullException.ThrowIfNull(texts);
        using var pair = ConnectedPair.Tcp();
        var server = new ObjectChannel(new NetworkStream(pair.Server, ownsSocket: false), encoding);
        var serving = Task.Run(() => serve(server));
        var client = new ObjectChannel(new NetworkStream(pair.Client, ownsSocket: false), encoding);
        var replies = new List<string>();
        foreach (var text in texts)
        {
            client.SendAsync(SampleObjects.Chat with { Text = text }).GetAwaiter().GetResult();
            var reply = client.ReceiveAsync<ChatMessage>();
            if (Task.WaitAny([reply, serving], Testbench.Deadline) < 0)
            {
                throw new TimeoutException($"No reply to \"{text}\" within {Testbench.Deadline.TotalSeconds:0} s.");
            }
            if (serving.IsFaulted)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(serving.Exception!.InnerException!);
            }
            // A server that replied and returned may have returned first: its reply is on the way.
            if (!reply.Wait(TimeSpan.FromSeconds(1)))
            {
                break; // the server returned without replying
            }
            if (reply.Result is not { } answer)
            {
                break; // the server closed
            }
            replies.Add(answer.Text);
        }
        pair.Client.Shutdown(SocketShutdown.Send);
        var returned = serving.Wait(Testbench.Deadline);
        if (serving.IsFaulted)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(serving.Exception!.InnerException!);
        }
        return (replies, returned);
    }
}
