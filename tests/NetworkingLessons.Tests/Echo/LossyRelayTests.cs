using System.Net;
using System.Net.Sockets;
using NetworkingLessons.Echo;
using NetworkingLessons.TestSupport;

namespace NetworkingLessons.Tests.Echo;

public sealed class LossyRelayTests
{
    private static Socket Client() => new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };

    // Sends datagrams 0..count-1 through the relay, one at a time, and returns what came back
    // before a short silence (each datagram gets its reply or is known lost: the relay's events say).
    private static async Task<List<int>> ThroughAsync(LossyRelay relay, int count)
    {
        using var client = Client();
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < count; i++)
        {
            client.SendTo(BitConverter.GetBytes(i), relay.EndPoint);
        }
        // Every datagram sent is in the relay's events, both ways, before we stop listening.
        await WaitForAsync(() => relay.Events.Count(e => e.Direction == RelayDirection.ToServer) == count
            && relay.Events.Count(e => e.Direction == RelayDirection.ToClient) >= relay.Events.Count(e => e.Direction == RelayDirection.ToServer && e.Fate != RelayFate.Dropped));
        var expected = ExpectedBack(relay.Events);
        var back = new List<int>();
        var buffer = new byte[16];
        while (back.Count < expected)
        {
            var n = client.Receive(buffer);
            back.Add(BitConverter.ToInt32(buffer, 0));
        }
        return back;
    }

    private static int ExpectedBack(IReadOnlyList<RelayEvent> events) =>
        events.Where(e => e.Direction == RelayDirection.ToClient).Sum(e => e.Fate switch { RelayFate.Dropped => 0, RelayFate.Duplicated => 2, _ => 1 });

    [Fact]
    public async Task NoLoss_PassesEverythingInOrder()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint);

        var back = await ThroughAsync(relay, 10);

        Assert.Equal(Enumerable.Range(0, 10), back);
        Assert.All(relay.Events, e => Assert.Equal(RelayFate.Forwarded, e.Fate));
    }

    [Fact]
    public async Task Drop_TheSameSeed_DropsTheSameDatagrams()
    {
        var profile = new LossProfile { Drop = 0.3, Seed = 7 };
        await using var server = UdpEchoServer.Start();
        await using var first = LossyRelay.Start(server.EndPoint, profile);
        await using var second = LossyRelay.Start(server.EndPoint, profile);

        var one = await ThroughAsync(first, 40);
        var two = await ThroughAsync(second, 40);

        Assert.Equal(one, two);
        // The same fates each way, datagram by datagram; how the two directions interleave is the scheduler's.
        foreach (var direction in new[] { RelayDirection.ToServer, RelayDirection.ToClient })
        {
            Assert.Equal(first.Events.Where(e => e.Direction == direction).Select(e => e.Fate), second.Events.Where(e => e.Direction == direction).Select(e => e.Fate));
        }
        var dropped = first.Tally()[RelayFate.Dropped];
        Assert.InRange(dropped, 5, 40); // about 30% of the 40 to 80 datagrams that passed each way
        Assert.True(one.Count < 40);
        Assert.Equal(one.Order(), one); // dropping does not reorder
    }

    [Fact]
    public async Task Duplicate_All_SendsEachTwiceEachWay()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint, new LossProfile { Duplicate = 1 });

        var back = await ThroughAsync(relay, 3);

        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], back.Order());
        Assert.Equal(6, server.Echoed);
    }

    [Fact]
    public async Task Reorder_HoldsADatagramUntilTheNextHasPassed()
    {
        await using var server = UdpEchoServer.Start();
        // Seed 4's first draws: find a profile where exactly the first datagram is held back.
        await using var relay = LossyRelay.Start(server.EndPoint, new LossProfile { Reorder = 0.5, Seed = 4 });

        var back = await ThroughAsync(relay, 20);

        Assert.Equal(Enumerable.Range(0, 20), back.Order());
        Assert.NotEqual(Enumerable.Range(0, 20), back);
        Assert.True(relay.Tally()[RelayFate.Reordered] > 0);
    }

    [Fact]
    public async Task Reorder_TheLastHeld_GoesAfterTheHoldLimit()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint, new LossProfile { Reorder = 1 });

        var back = await ThroughAsync(relay, 1);

        Assert.Equal([0], back);
    }

    [Fact]
    public async Task Delay_HoldsEveryDatagram()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint, new LossProfile { Delay = TimeSpan.FromMilliseconds(100) });
        using var client = Client();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        client.SendTo("late"u8.ToArray(), relay.EndPoint);

        client.Receive(new byte[10]);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(190), $"{clock.Elapsed.TotalMilliseconds} ms"); // 100 ms each way
    }

    [Fact]
    public async Task Events_NameDirectionSizeFateAndText()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint);
        using var client = Client();
        client.SendTo("hello\n"u8.ToArray(), relay.EndPoint);
        client.Receive(new byte[10]);
        await WaitForAsync(() => relay.Events.Count == 2);

        var events = relay.Events;

        Assert.Equal((1, RelayDirection.ToServer, 6, RelayFate.Forwarded, "hello·"), (events[0].Number, events[0].Direction, events[0].Length, events[0].Fate, events[0].Preview));
        Assert.Equal((2, RelayDirection.ToClient, server.EndPoint), (events[1].Number, events[1].Direction, events[1].From));
        Assert.Contains("client → server", relay.ToMimeBundle()["text/html"], StringComparison.Ordinal);
        Assert.Equal($"relay {relay.EndPoint} → {server.EndPoint}: 2 datagrams, 0 dropped, 0 duplicated, 0 reordered", relay.ToString());
    }

    [Theory]
    [InlineData(-0.1, 0, 0)]
    [InlineData(1.1, 0, 0)]
    [InlineData(0, double.NaN, 0)]
    [InlineData(0, 0, 2)]
    public void Start_ShareOutOfRange_Throws(double drop, double duplicate, double reorder)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LossyRelay.Start(new IPEndPoint(IPAddress.Loopback, 9), new LossProfile { Drop = drop, Duplicate = duplicate, Reorder = reorder }));

        Assert.Contains("share of the datagrams", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_SharesAddingUpToMoreThanOne_OrABadDelay_Throws()
    {
        var target = new IPEndPoint(IPAddress.Loopback, 9);

        Assert.Contains("add up to 1.2", Assert.Throws<ArgumentException>(() => LossyRelay.Start(target, new LossProfile { Drop = 0.6, Duplicate = 0.6 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => LossyRelay.Start(target, new LossProfile { Delay = TimeSpan.FromSeconds(11) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LossyRelay.Start(target, new LossProfile { Delay = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentNullException>(() => LossyRelay.Start(null!));
    }

    private static Task WaitForAsync(Func<bool> condition) => Condition.WaitAsync(condition, TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Start_ReorderCountsInTheSum_AndADelayOfTenSecondsIsAllowed()
    {
        var target = new IPEndPoint(IPAddress.Loopback, 9);

        var ex = Assert.Throws<ArgumentException>(() => LossyRelay.Start(target, new LossProfile { Drop = 0.5, Duplicate = 0.3, Reorder = 0.3 }));
        Assert.Equal("Drop, Duplicate and Reorder are shares of the same datagrams and add up to at most 1; these add up to 1.1.", ex.Message);
        var delay = Assert.Throws<ArgumentOutOfRangeException>(() => LossyRelay.Start(target, new LossProfile { Delay = TimeSpan.FromSeconds(10) + TimeSpan.FromTicks(1) }));
        Assert.StartsWith("The relay's delay is 0 to 10 s.", delay.Message, StringComparison.Ordinal);
        Assert.Equal("Delay", delay.ParamName);
        await LossyRelay.Start(target, new LossProfile { Delay = TimeSpan.FromSeconds(10), Drop = 0.4, Duplicate = 0.3, Reorder = 0.3 }).DisposeAsync();
    }

    [Fact]
    public async Task TheLessonsSeed_GivesTheSameFatesEveryTime()
    {
        // Lesson 11 and its recording use seed 3: its fates each way are fixed by the seed, whatever the timing.
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint, new LossProfile { Drop = 0.2, Duplicate = 0.1, Reorder = 0.1, Seed = 3 });

        await ThroughAsync(relay, 10);
        // Every echo the server sent has reached the relay (a duplicated request is echoed twice).
        await WaitForAsync(() => relay.Events.Count(e => e.Direction == RelayDirection.ToClient) == relay.Events
            .Where(e => e.Direction == RelayDirection.ToServer).Sum(e => e.Fate switch { RelayFate.Dropped => 0, RelayFate.Duplicated => 2, _ => 1 }));

        var events = relay.Events;
        var toServer = events.Where(e => e.Direction == RelayDirection.ToServer).Select(e => e.Fate).ToList();
        var toClient = events.Where(e => e.Direction == RelayDirection.ToClient).Select(e => e.Fate).ToList();
        Assert.Equal(Fates(3, 10), toServer);
        Assert.Equal(Fates(3 * 31 + 1, toClient.Count), toClient);
        var tally = relay.Tally();
        Assert.Equal($"relay {relay.EndPoint} → {server.EndPoint}: {relay.Events.Count} datagrams, {tally[RelayFate.Dropped]} dropped, {tally[RelayFate.Duplicated]} duplicated, {tally[RelayFate.Reordered]} reordered", relay.ToString());
        Assert.True(tally.Values.Count(n => n > 0) > 1, "the seed gives more than one fate");

        // The fates the relay draws: drop below 0.2, duplicate below 0.3, reorder below 0.4.
        static IEnumerable<RelayFate> Fates(int seed, int count)
        {
            var random = new Random(seed);
            return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() switch
            {
                < 0.2 => RelayFate.Dropped,
                < 0.2 + 0.1 => RelayFate.Duplicated,
                < 0.2 + 0.1 + 0.1 => RelayFate.Reordered,
                _ => RelayFate.Forwarded,
            })];
        }
    }

    [Fact]
    public async Task DuplicateAndReorder_OnlyNothingIsForwardedPlainly()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint, new LossProfile { Duplicate = 0.5, Reorder = 0.5, Seed = 11 });

        var back = await ThroughAsync(relay, 12);

        Assert.DoesNotContain(relay.Events, e => e.Fate == RelayFate.Forwarded);
        Assert.Contains(relay.Events, e => e.Fate == RelayFate.Reordered);
        Assert.Equal(Enumerable.Range(0, 12), back.Distinct().Order());
    }

    [Fact]
    public async Task Reorder_All_HoldsEachUntilTheNext_AndLosesNone()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint, new LossProfile { Reorder = 1 });

        var back = await ThroughAsync(relay, 3);

        Assert.Equal([0, 1, 2], back.Order());
        Assert.All(relay.Events, e => Assert.Equal(RelayFate.Reordered, e.Fate));
    }

    [Fact]
    public async Task OnIPv6_TheRelayListensOnIPv6Loopback()
    {
        await using var server = UdpEchoServer.Start(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        await using var relay = LossyRelay.Start(server.EndPoint);
        using var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };

        client.SendTo("six"u8.ToArray(), relay.EndPoint);

        Assert.Equal(IPAddress.IPv6Loopback, relay.EndPoint.Address);
        Assert.Equal(3, client.Receive(new byte[10]));
        Assert.Equal(server.EndPoint, relay.Target);
    }

    [Fact]
    public async Task Clients_BeyondTheMost_AreDropped()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint);
        var clients = Enumerable.Range(0, LossyRelay.MaxClients + 1).Select(_ => Client()).ToList();
        try
        {
            foreach (var client in clients)
            {
                client.SendTo("hi"u8.ToArray(), relay.EndPoint);
                await WaitForAsync(() => relay.Events.Count(e => e.Direction == RelayDirection.ToServer) == clients.IndexOf(client) + 1);
            }

            var toServer = relay.Events.Where(e => e.Direction == RelayDirection.ToServer).ToList();
            Assert.All(toServer.Take(LossyRelay.MaxClients), e => Assert.Equal(RelayFate.Forwarded, e.Fate));
            Assert.Equal(RelayFate.Dropped, toServer[^1].Fate);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Table_NamesBothDirections()
    {
        await using var server = UdpEchoServer.Start();
        await using var relay = LossyRelay.Start(server.EndPoint);
        await ThroughAsync(relay, 1);

        var html = relay.ToMimeBundle()["text/html"];

        Assert.Contains("client → server", html, StringComparison.Ordinal);
        Assert.Contains("server → client", html, StringComparison.Ordinal);
        Assert.Contains("forwarded", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_FreesThePort_AndCanBeRepeated()
    {
        await using var server = UdpEchoServer.Start();
        var relay = LossyRelay.Start(server.EndPoint);
        var endPoint = relay.EndPoint;

        await relay.DisposeAsync();
        await relay.DisposeAsync();

        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(endPoint);
    }
}
