using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NetworkingLessons.Kernel.Messaging;
using NetworkingLessons.Kernel.Tests.Zmtp;
using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Tests.Core;

/// <summary>A minimal front end for the core tests: shell, control and stdin as DEALERs, iopub as a SUB of everything, the heartbeat as a REQ.</summary>
internal sealed class JupyterTestClient : IAsyncDisposable
{
    private readonly MessageSigner _signer;
    private readonly string _session = "test-session";

    private JupyterTestClient(MessageSigner signer, ZmtpTestPeer shell, ZmtpTestPeer control, ZmtpTestPeer stdin, ZmtpTestPeer iopub, ZmtpTestPeer heartbeat)
    {
        _signer = signer;
        Shell = shell;
        Control = control;
        Stdin = stdin;
        Iopub = iopub;
        Heartbeat = heartbeat;
    }

    public ZmtpTestPeer Shell { get; }
    public ZmtpTestPeer Control { get; }
    public ZmtpTestPeer Stdin { get; }
    public ZmtpTestPeer Iopub { get; }
    public ZmtpTestPeer Heartbeat { get; }

    public static async Task<JupyterTestClient> ConnectAsync(ConnectionInfo info, string identity = "client")
    {
        IPEndPoint At(int port) => new(info.Ip, port);
        var iopub = await ZmtpTestPeer.ConnectAsync(At(info.IopubPort), "SUB");
        await iopub.SendFrameAsync(new ZmtpCommand("SUBSCRIBE", []).ToFrame());
        var client = new JupyterTestClient(new MessageSigner(info.Key),
            await ZmtpTestPeer.ConnectAsync(At(info.ShellPort), "DEALER", identity),
            await ZmtpTestPeer.ConnectAsync(At(info.ControlPort), "DEALER", identity),
            await ZmtpTestPeer.ConnectAsync(At(info.StdinPort), "DEALER", identity),
            iopub,
            await ZmtpTestPeer.ConnectAsync(At(info.HeartbeatPort), "REQ"));
        // The subscription races the first publication, as with libzmq: wait until status messages arrive.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var id = await client.SendAsync(client.Shell, "kernel_info_request", []);
            await client.ReplyAsync(client.Shell);
            try
            {
                await client.IopubUntilIdleAsync(id, TimeSpan.FromMilliseconds(200));
                return client;
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
            }
        }
        throw new TimeoutException("iopub never delivered a status message");
    }

    public async Task<string> SendAsync(ZmtpTestPeer channel, string type, JsonObject content)
    {
        var message = JupyterMessage.Create(type, content, _session);
        await channel.SendAsync([.. message.ToFrames(_signer)]);
        return message.MessageId;
    }

    public async Task<JupyterMessage> ReplyAsync(ZmtpTestPeer channel, TimeSpan? timeout = null) =>
        JupyterMessage.Parse(await channel.ReceiveAsync(timeout), _signer);

    /// <summary>IOPub messages under request <paramref name="parentId"/>, up to its idle.</summary>
    public async Task<List<JupyterMessage>> IopubUntilIdleAsync(string parentId, TimeSpan? timeout = null)
    {
        var messages = new List<JupyterMessage>();
        while (true)
        {
            var frames = await Iopub.ReceiveAsync(timeout);
            var message = JupyterMessage.Parse(frames, _signer);
            if ((string?)message.ParentHeader["msg_id"] != parentId)
            {
                continue;
            }
            messages.Add(message);
            if (message.MessageType == "status" && (string?)message.Content["execution_state"] == "idle")
            {
                return messages;
            }
        }
    }

    public async Task<string> PingAsync(string text)
    {
        await Heartbeat.SendAsync([], Encoding.ASCII.GetBytes(text));
        return Encoding.ASCII.GetString((await Heartbeat.ReceiveAsync(TimeSpan.FromSeconds(5)))[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in new[] { Shell, Control, Stdin, Iopub, Heartbeat })
        {
            await peer.DisposeAsync();
        }
    }
}
