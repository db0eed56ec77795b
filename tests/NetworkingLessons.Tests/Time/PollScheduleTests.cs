using System.Net;
using NetworkingLessons.Time;

namespace NetworkingLessons.Tests.Time;

public sealed class PollScheduleTests
{
    private static readonly IPEndPoint Public = new(IPAddress.Parse("192.0.2.1"), 123); // TEST-NET-1: never sent to
    private static readonly IPEndPoint Local = new(IPAddress.Loopback, 123);

    private DateTime _now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private PollSchedule Schedule() => new(() => _now);

    [Fact]
    public void Book_AServerBeyondThisMachine_TwiceIn15Seconds_IsTooSoon()
    {
        var schedule = Schedule();
        schedule.Book(Public);
        _now += TimeSpan.FromSeconds(14.9);

        var ex = Assert.Throws<SntpException>(() => schedule.Book(Public));

        Assert.Equal(SntpProblem.TooSoon, ex.Problem);
        Assert.Contains("may be asked again in 0.1 s", ex.Message, StringComparison.Ordinal);
        _now += TimeSpan.FromSeconds(0.1);
        schedule.Book(Public);
    }

    [Fact]
    public void Book_ALoopbackServer_AsOftenAsNeeded()
    {
        var schedule = Schedule();
        for (var i = 0; i < 100; i++)
        {
            schedule.Book(Local);
        }
    }

    [Fact]
    public void Kissed_Rate_HoldsEvenALoopbackServerOffFor30Seconds()
    {
        var schedule = Schedule();
        schedule.Kissed(Local, "RATE");
        _now += TimeSpan.FromSeconds(29);

        Assert.Equal(SntpProblem.TooSoon, Assert.Throws<SntpException>(() => schedule.Book(Local)).Problem);
        _now += TimeSpan.FromSeconds(1);
        schedule.Book(Local);
    }

    [Theory]
    [InlineData("DENY")]
    [InlineData("RSTR")]
    public void Kissed_DenyOrRestrict_IsForever(string code)
    {
        var schedule = Schedule();
        schedule.Kissed(Local, code);
        _now += TimeSpan.FromDays(1);

        var ex = Assert.Throws<SntpException>(() => schedule.Book(Local));

        Assert.Equal((SntpProblem.Denied, code), (ex.Problem, ex.KissCode));
    }

    [Fact]
    public void Forget_ClearsHoldsAndDenials()
    {
        var schedule = Schedule();
        schedule.Kissed(Local, "DENY");
        schedule.Book(Public);

        schedule.Forget(Local);
        schedule.Forget(Public);

        schedule.Book(Local);
        schedule.Book(Public);
    }

    [Fact]
    public void Kissed_AnotherCode_ChangesNothing()
    {
        var schedule = Schedule();
        schedule.Kissed(Public, "INIT");

        schedule.Book(Public);
    }
}
