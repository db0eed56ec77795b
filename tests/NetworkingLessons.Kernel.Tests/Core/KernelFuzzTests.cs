using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NetworkingLessons.Kernel.Core;
using NetworkingLessons.Kernel.Messaging;
using NetworkingLessons.Kernel.Tests.Zmtp;
using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Tests.Core;

/// <summary>
/// Random and truncated frames and messages at every socket, 10,000 of each kind, spread over the
/// five sockets, while an honest front end keeps executing and pinging: the kernel neither
/// crashes nor stalls it. Seeded, so that a failure can be replayed.
/// </summary>
public class KernelFuzzTests
{
    private const int EachKind = 10_000;
    private static readonly ConnectionInfo OnFreePorts = new("tcp", IPAddress.Loopback, 0, 0, 0, 0, 0, "fuzz-key", ConnectionInfo.HmacSha256);

    private static readonly string[] Types = ["ROUTER", "DEALER", "SUB", "REQ", "PUB"];

    [Fact]
    public async Task Fuzz_RandomAndTruncatedFramesAndMessages_AtEverySocket_KernelKeepsServing()
    {
        var interpreter = new ScriptedInterpreter();
        var dropped = 0;
        await using var kernel = JupyterKernel.Start(OnFreePorts, interpreter, new ZmtpLimits { MaxFrameBytes = 1 << 16, HandshakeTimeout = TimeSpan.FromSeconds(2) },
            _ => Interlocked.Increment(ref dropped));
        await using var honest = await JupyterTestClient.ConnectAsync(kernel.Endpoints);
        var info = kernel.Endpoints;
        int[] ports = [info.ShellPort, info.ControlPort, info.StdinPort, info.IopubPort, info.HeartbeatPort];
        string[] peerTypes = ["DEALER", "DEALER", "DEALER", "SUB", "REQ"];
        var signer = new MessageSigner(info.Key);

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var honestRounds = 0;
        var honestLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = await honest.SendAsync(honest.Shell, "execute_request", new JsonObject { ["code"] = $"print {honestRounds}" });
                var reply = await honest.ReplyAsync(honest.Shell, TimeSpan.FromSeconds(10));
                Assert.Equal(id, (string?)reply.ParentHeader["msg_id"]);
                Assert.Equal("ok", (string?)reply.Content["status"]);
                Assert.Equal("beat", await honest.PingAsync("beat"));
                honestRounds++;
            }
        });

        // 1. Truncated frames: a handshake, then part of a frame, then the connection closes.
        await Parallel.ForEachAsync(Enumerable.Range(0, EachKind), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var rng = new Random(i);
            var socket = i % 5;
            await using var peer = await ZmtpTestPeer.ConnectAsync(new IPEndPoint(info.Ip, ports[socket]), peerTypes[socket], $"t{i}");
            var frame = new byte[rng.Next(2, 600)];
            rng.NextBytes(frame);
            frame[0] &= 0x07;
            if ((frame[0] & 0x02) == 0)
            {
                frame[1] = (byte)Math.Max(frame[1], frame.Length); // the size says more than is sent
            }
            await peer.SendRawAsync(frame[..rng.Next(1, frame.Length)]);
        });

        // 2. Random frames: random flags (reserved bits too), sizes and bodies after a handshake, or instead of one.
        await Parallel.ForEachAsync(Enumerable.Range(0, EachKind / 10), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var rng = new Random(EachKind + i);
            var socket = i % 5;
            if (i % 7 == 0)
            {
                using var raw = new TcpClient();
                await raw.ConnectAsync(new IPEndPoint(info.Ip, ports[socket]));
                var junk = new byte[rng.Next(1, 200)];
                rng.NextBytes(junk);
                await raw.GetStream().WriteAsync(junk);
            }
            await using var peer = await ZmtpTestPeer.ConnectAsync(new IPEndPoint(info.Ip, ports[socket]), Types[rng.Next(Types.Length)], $"r{i}");
            for (var f = 0; f < 10; f++) // ten frames a connection: 10,000 in all
            {
                var body = new byte[rng.Next(0, 300)];
                rng.NextBytes(body);
                var flags = (byte)rng.Next(0, 256);
                byte[] bytes = rng.Next(4) == 0 ? [flags, .. body] : [(byte)(flags & 0x05), (byte)body.Length, .. body];
                try
                {
                    await peer.SendRawAsync(bytes);
                }
                catch (IOException)
                {
                    break; // dropped for it, as it should be
                }
            }
        });

        // 3. Random messages: well framed, with random parts, delimiters, bad and good signatures, and JSON that is not a message.
        await Parallel.ForEachAsync(Enumerable.Range(0, EachKind / 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var rng = new Random(2 * EachKind + i);
            var socket = i % 5;
            await using var peer = await ZmtpTestPeer.ConnectAsync(new IPEndPoint(info.Ip, ports[socket]), peerTypes[socket], $"m{i}");
            for (var m = 0; m < 100; m++) // a hundred messages a connection: 10,000 in all
            {
                var parts = RandomMessage(rng, signer);
                try
                {
                    await peer.SendAsync([.. parts]);
                }
                catch (IOException)
                {
                    break;
                }
            }
        });

        await stop.CancelAsync();
        await honestLoop.ContinueWith(t => { if (t.IsFaulted) { throw t.Exception!; } }, TaskScheduler.Default);
        Assert.True(honestRounds > 0, "the honest front end never got through");
        Assert.True(dropped > 0, "nothing was dropped, so the fuzz did not reach the kernel");
        // After the storm, the same front end is served as before.
        var after = await honest.SendAsync(honest.Shell, "execute_request", new JsonObject { ["code"] = "print after" });
        Assert.Equal(after, (string?)(await honest.ReplyAsync(honest.Shell, TimeSpan.FromSeconds(10))).ParentHeader["msg_id"]);
    }

    private static List<byte[]> RandomMessage(Random rng, MessageSigner signer)
    {
        byte[] Bytes(int max)
        {
            var b = new byte[rng.Next(0, max)];
            rng.NextBytes(b);
            return b;
        }
        switch (rng.Next(5))
        {
            case 0: // random frames
                return [.. Enumerable.Range(0, rng.Next(1, 8)).Select(_ => Bytes(100))];
            case 1: // a delimiter and a forged signature
                return [JupyterMessage.Delimiter, Bytes(64), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()];
            case 2: // signed, but the parts are not JSON objects
                {
                    byte[][] parts = [Bytes(20), "[1,2]"u8.ToArray(), "null"u8.ToArray(), Bytes(10)];
                    return [JupyterMessage.Delimiter, signer.Sign(parts[0], parts[1], parts[2], parts[3]), .. parts];
                }
            case 3: // signed objects of unknown or wrong-typed fields
                {
                    var header = Encoding.UTF8.GetBytes(new JsonObject { ["msg_type"] = rng.Next(2) == 0 ? "execute_request" : "no_such_request", ["msg_id"] = 5 }.ToJsonString());
                    var content = Encoding.UTF8.GetBytes(new JsonObject { ["code"] = 42, ["silent"] = "yes", ["cursor_pos"] = "x" }.ToJsonString());
                    return [JupyterMessage.Delimiter, signer.Sign(header, "{}"u8, "{}"u8, content), header, "{}"u8.ToArray(), "{}"u8.ToArray(), content];
                }
            default: // too few frames after the delimiter
                return [JupyterMessage.Delimiter, .. Enumerable.Range(0, rng.Next(0, 5)).Select(_ => Bytes(10))];
        }
    }
}
