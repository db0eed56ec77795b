using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Framing;
using NetworkingLessons.Serialization;
using NetworkingLessons.Sockets;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Serialization;

/// <summary>Typed objects both ways over TCP, in either encoding; bad frames refused; the tutorials' style of Python client understood.</summary>
public sealed class ObjectChannelTests
{
    [Theory]
    [InlineData(ObjectEncoding.MessagePack)]
    [InlineData(ObjectEncoding.Json)]
    public async Task Objects_GoBothWays_Whole(ObjectEncoding encoding)
    {
        using var pair = ConnectedPair.Tcp();
        await using var a = new ObjectChannel(new NetworkStream(pair.Client, ownsSocket: false), encoding);
        await using var b = new ObjectChannel(new NetworkStream(pair.Server, ownsSocket: false), encoding);

        await a.SendAsync(SampleObjects.Chat);
        await a.SendAsync(SampleObjects.Reading);
        await b.SendAsync(SampleObjects.Batch);
        var chat = await b.ReceiveAsync<ChatMessage>();
        var reading = await b.ReceiveAsync<SensorReading>();
        var batch = await a.ReceiveAsync<List<SensorReading>>();

        Assert.Equal(SampleObjects.Chat.Text, chat!.Text);
        Assert.Equal(SampleObjects.Chat.Tags, chat.Tags);
        Assert.Equal(SampleObjects.Reading.Samples, reading!.Samples);
        Assert.Equal(100, batch!.Count);
        pair.Client.Shutdown(SocketShutdown.Send);
        Assert.Null(await b.ReceiveAsync<ChatMessage>());
    }

    [Fact]
    public async Task AFrameThatIsNotTheType_IsRefused()
    {
        using var pair = ConnectedPair.Tcp();
        var framer = new LengthPrefixFramer();
        pair.Client.Send(framer.Encode([0xc1]));
        await using var b = new ObjectChannel(new NetworkStream(pair.Server, ownsSocket: false));

        var ex = await Assert.ThrowsAsync<MessagePackFormatException>(() => b.ReceiveAsync<ChatMessage>());

        Assert.Equal("Expected a map, found the unused byte (0xc1) (at byte 0)", ex.Message);
    }

    [Fact]
    public void ChannelTestbench_TellsALoopFromOneReply()
    {
        static async Task Loop(ObjectChannel channel)
        {
            while (await channel.ReceiveAsync<ChatMessage>() is { } message)
            {
                await channel.SendAsync(message with { Text = message.Text.ToUpperInvariant() });
            }
        }
        static async Task Once(ObjectChannel channel)
        {
            var message = await channel.ReceiveAsync<ChatMessage>();
            await channel.SendAsync(message! with { Text = message.Text.ToUpperInvariant() });
        }

        Assert.Equal(["A", "B", "C"], ChannelTestbench.Converse(Loop, ["a", "b", "c"]).Replies);
        Assert.True(ChannelTestbench.Converse(Loop, ["a"]).ServerReturned);
        Assert.Equal(["A"], ChannelTestbench.Converse(Once, ["a", "b"]).Replies);
        Assert.Throws<NotImplementedException>(() => ChannelTestbench.Converse(_ => throw new NotImplementedException(), ["a"]));
    }

    [PeerFact(Peer.PythonMsgpack)]
    public async Task ATutorialStylePythonClient_TalksToOurServer()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync();
            await using var channel = new ObjectChannel(new NetworkStream(client, ownsSocket: false), framer: new DecimalHeaderFramer());
            while (await channel.ReceiveAsync<Dictionary<string, object?>>() is { } message)
            {
                message["reply"] = $"got {message.Count} fields";
                await channel.SendAsync(message);
            }
        });
        // The tutorials' client, with msgpack where it had pickle: a 10-character length header, then the bytes.
        var (code, stdout, stderr) = await Peers.RunAsync(Peers.PythonWithMsgpack(), ["-c", """
            import msgpack, socket, sys
            HEADERSIZE = 10
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
            def send(obj):
                msg = msgpack.packb(obj)
                s.sendall(bytes(f"{len(msg):<{HEADERSIZE}}", "utf-8") + msg)
            def recv_some(n):
                chunk = s.recv(n)
                if not chunk:  # the tutorial's loop would spin here forever on a closed connection
                    sys.exit("the server closed the connection in the middle of a message")
                return chunk
            def receive():
                header = b""
                while len(header) < HEADERSIZE:
                    header += recv_some(HEADERSIZE - len(header))
                length = int(header)
                data = b""
                while len(data) < length:
                    data += recv_some(length - len(data))
                return msgpack.unpackb(data)
            send({"one": "hey", "two": [1, 2, 3]})
            print(receive()["reply"])
            send({"three": 3.5})
            print(receive()["reply"])
            s.shutdown(socket.SHUT_WR)
            """, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(30));

        Assert.True(code == 0, stderr);
        Assert.Equal("got 2 fields\ngot 1 fields\n", stdout);
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Constructor_RefusesANullStreamAndAnUnknownEncoding()
    {
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => new ObjectChannel(null!)).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectChannel(new MemoryStream(), (ObjectEncoding)2));
        Assert.Equal("encoding", ex.ParamName);
        Assert.StartsWith("MessagePack or Json.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ObjectEncoding.Json, new ObjectChannel(new MemoryStream(), ObjectEncoding.Json).Encoding);
    }

    [Fact]
    public async Task Dispose_ClosesTheConnection()
    {
        using var pair = ConnectedPair.Tcp();
        var channel = new ObjectChannel(new NetworkStream(pair.Client, ownsSocket: true));

        await channel.DisposeAsync();

        pair.Server.ReceiveTimeout = 10_000;
        Assert.Equal(0, pair.Server.Receive(new byte[1])); // the other side reads the end of the stream
        await Assert.ThrowsAsync<ObjectDisposedException>(() => channel.SendAsync(1));
    }

    [Fact]
    public void Encode_GivesEachEncodingsBytes()
    {
        var message = SampleObjects.Chat;
        var channel = new ObjectChannel(new MemoryStream());

        Assert.Equal(MessagePackSerializer.Serialize(message), channel.Encode(message));
        Assert.Equal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message), new ObjectChannel(new MemoryStream(), ObjectEncoding.Json).Encode(message));
    }

    [Fact]
    public void SampleObjects_AreWhatTheLessonDescribes()
    {
        Assert.Equal(("ada", 2), (SampleObjects.Chat.From, SampleObjects.Chat.Tags.Count));
        Assert.Contains("object channel", SampleObjects.Chat.Text, StringComparison.Ordinal);
        Assert.Equal("Zürich-Fluntern", SampleObjects.Reading.Station);
        Assert.Equal(20, SampleObjects.Reading.Samples.Count);
        Assert.Equal(20, SampleObjects.Reading.Samples.Distinct().Count()); // twenty samples, none repeated
        Assert.All(SampleObjects.Reading.Samples, s => Assert.InRange(s, 1000, 1199));
        Assert.Equal(100, SampleObjects.Batch.Count);
        Assert.Equal(29.9, SampleObjects.Batch[^1].Celsius, 9);
        Assert.Equal(SampleObjects.Reading.At.AddMinutes(99), SampleObjects.Batch[^1].At);
        Assert.Equal(SampleObjects.Reading with { Celsius = 20 }, SampleObjects.Batch[0]);
    }
}
