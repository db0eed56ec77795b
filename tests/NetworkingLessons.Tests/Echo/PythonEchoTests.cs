using System.Globalization;
using NetworkingLessons.Echo;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Echo;

/// <summary>The course's echo servers against Python clients: the tutorials' echo client exactly as the seed prints it, and Python's socket module over UDP.</summary>
public sealed class PythonEchoTests
{
    [PeerFact(Peer.Python, Peer.Shared)]
    public async Task TheTutorialsEchoClient_Unchanged_GetsItsMessageBack()
    {
        var client = CourseFiles.SeedProgram("001_51f8eb8884382953.txt", "echo_client.py");
        Assert.NotNull(client);
        using var folder = new TempFolder("seed-echo");
        File.WriteAllText(folder["echo_client.py"], client);
        await using var server = EchoServer.Start();

        var (code, stdout, stderr) = await Peers.RunAsync("python3", [folder["echo_client.py"], $"--port={server.EndPoint.Port}"],
            environment: new() { ["PYTHONIOENCODING"] = "utf-8" });

        Assert.True(code == 0, stderr);
        Assert.Contains("接收到的服务器端数据为: 测试数据,该信息会被回显!", stdout, StringComparison.Ordinal);
        Assert.Contains("正在关闭到服务器端的链接...", stdout, StringComparison.Ordinal);
        Assert.Equal(24, server.BytesEchoed); // 13 characters, 24 bytes in GBK: the client waits for 13 and gets them all in one recv
    }

    [PeerFact(Peer.Python)]
    public async Task PythonsSocketClient_OverUdp_GetsEachDatagramBack()
    {
        await using var server = UdpEchoServer.Start();

        var (code, stdout, stderr) = await Peers.RunAsync("python3", ["-c", """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(5)
            for message in (b'one', b'two two', b'x' * 65507):
                s.sendto(message, ('127.0.0.1', int(sys.argv[1])))
                data, address = s.recvfrom(65535)
                print(len(data), data == message, address[1])
            """, server.EndPoint.Port.ToString(CultureInfo.InvariantCulture)]);

        Assert.True(code == 0, stderr);
        var port = server.EndPoint.Port;
        Assert.Equal($"3 True {port}\n7 True {port}\n65507 True {port}\n", stdout);
    }
}
