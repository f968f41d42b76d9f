using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TemporalBridge.Pacing;
using TemporalBridge.Redis;
using TemporalBridge.Testing;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Sandbox;

namespace TemporalBridge.Tests.Pacing;

/// <summary>The shared rate limit against a real Redis, on a clock that moves only when the test says so.</summary>
public sealed class RateGateTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);
    private readonly ManualClock clock = new();
    private ConnectionMultiplexer connection = null!;

    private RateGate Gate => new(EmptyRedis.Cache(connection), clock);

    public async Task InitializeAsync() => connection = await EmptyRedis.ConnectAsync(redis);

    public async Task DisposeAsync() => await connection.DisposeAsync();

    [Fact]
    public async Task ABurstGoesAtOnceThenEachCallWaitsOneIntervalMore()
    {
        var rate = new Rate(TimeSpan.FromMilliseconds(100), Burst: 3);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            waits.Add((await Gate.ReserveAsync("test", "number-a", rate, LongWait)).Wait);
        }

        waits.Select(w => w.TotalMilliseconds).Should().Equal(0, 0, 0, 100, 200);
    }

    [Fact]
    public async Task TimePassingGivesTurnsBack()
    {
        var rate = new Rate(TimeSpan.FromSeconds(6), Burst: 1);
        (await Gate.ReserveAsync("test", "pair", rate, LongWait)).Wait.Should().Be(TimeSpan.Zero);
        clock.Advance(TimeSpan.FromSeconds(4));

        (await Gate.ReserveAsync("test", "pair", rate, LongWait)).Wait.Should().Be(TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(20));
        (await Gate.ReserveAsync("test", "pair", rate, LongWait)).Wait.Should().Be(TimeSpan.Zero, "a turn unused long ago is not saved up past the burst");
        (await Gate.ReserveAsync("test", "pair", rate, LongWait)).Wait.Should().Be(TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task ATurnFurtherOffThanTheLongestWaitIsRefusedAndNotReserved()
    {
        var rate = new Rate(TimeSpan.FromSeconds(6), Burst: 1);
        var maxWait = TimeSpan.FromSeconds(5);
        (await Gate.ReserveAsync("test", "pair", rate, maxWait)).Should().Be(new Turn(true, TimeSpan.Zero));

        (await Gate.ReserveAsync("test", "pair", rate, maxWait)).Should().Be(new Turn(false, TimeSpan.FromSeconds(6)));
        (await Gate.ReserveAsync("test", "pair", rate, maxWait)).Should().Be(new Turn(false, TimeSpan.FromSeconds(6)),
            "the refused turn was not taken, so the next caller is not pushed further back");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await Gate.ReserveAsync("test", "pair", rate, maxWait)).Should().Be(new Turn(true, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task EachScopeAndSubjectHasItsOwnTurns()
    {
        var rate = new Rate(TimeSpan.FromSeconds(1), Burst: 1);
        await Gate.ReserveAsync("whatsapp-number", "111", rate, LongWait);

        (await Gate.ReserveAsync("whatsapp-number", "222", rate, LongWait)).Wait.Should().Be(TimeSpan.Zero);
        (await Gate.ReserveAsync("vcita-token", "111", rate, LongWait)).Wait.Should().Be(TimeSpan.Zero);
        (await Gate.ReserveAsync("whatsapp-number", "111", rate, LongWait)).Wait.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task KeysHoldNeitherTheNumberNorTheTokenAndExpireOnceTheirTurnIsPast()
    {
        await Gate.ReserveAsync("whatsapp-pair", "1234567890/15551230001", new Rate(TimeSpan.FromSeconds(6), 1), LongWait);
        await Gate.ReserveAsync("vcita-token", "secret-business-token", Rate.PerSecond(8), LongWait);

        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: "*").Select(k => k.ToString()).ToList();
        keys.Should().HaveCount(2).And.OnlyContain(k => k.StartsWith(RateGate.KeyPrefix, StringComparison.Ordinal));
        string.Join(" ", keys).Should().NotContain("15551230001").And.NotContain("1234567890").And.NotContain("secret-business-token");
        foreach (var key in keys)
        {
            (await connection.GetDatabase().KeyTimeToLiveAsync(key)).Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThan(TimeSpan.FromSeconds(8));
        }
    }

    [Fact]
    public async Task WithRedisUnreachableTheGateIsOpen()
    {
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(
            new ConfigurationOptions { EndPoints = { { "127.0.0.1", FreePort.Next() } }, AbortOnConnectFail = false, ConnectTimeout = 200, BacklogPolicy = BacklogPolicy.FailFast });
        var gate = new RateGate(EmptyRedis.Cache(unreachable), clock);
        var rate = new Rate(TimeSpan.FromHours(1), Burst: 1);

        (await gate.ReserveAsync("test", "x", rate, TimeSpan.Zero)).Should().Be(new Turn(true, TimeSpan.Zero));
        (await gate.ReserveAsync("test", "x", rate, TimeSpan.Zero)).Should().Be(new Turn(true, TimeSpan.Zero));
    }
}
