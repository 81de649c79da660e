using System.Collections.Concurrent;
using System.Net.Http.Json;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Silo.Tests;

/// <summary>A silo process stopped by SIGTERM or killed by SIGKILL loses no acknowledged write and no timer tick.</summary>
public abstract class SiloCrashTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Command-line settings that point the silo at this test's storage.</summary>
    protected abstract Task<string[]> StorageArgumentsAsync();

    private string[]? _storage;

    private async Task<SiloProcess> StartSiloAsync() =>
        await SiloProcess.StartAsync(_directory.Path, _storage ??= await StorageArgumentsAsync());

    [Fact]
    public async Task SIGTERM_finishes_in_flight_calls_and_every_acknowledged_write_survives()
    {
        var silo = await StartSiloAsync();
        var acknowledged = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var key = $"term-{w}";
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await silo.Http.PostAsJsonAsync($"/api/v1/samples/counters/{key}/increment", new { by = 1 });
                    if (!response.IsSuccessStatusCode) return;
                    var counter = await response.Content.ReadFromJsonAsync<Counter>();
                    acknowledged.AddOrUpdate(key, counter!.Value, (_, v) => Math.Max(v, counter.Value));
                }
                catch (HttpRequestException)
                {
                    return; // the silo stopped listening
                }
            }
        })).ToList();
        while (acknowledged.Values.Sum() < 400) await Task.Delay(10);

        var exitCode = await silo.TerminateAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await silo.DisposeAsync();

        Assert.Equal(0, exitCode);
        await using var restarted = await StartSiloAsync();
        foreach (var (key, value) in acknowledged)
        {
            var stored = await restarted.Http.GetFromJsonAsync<Counter>($"/api/v1/samples/counters/{key}");
            Assert.True(stored!.Value >= value, $"{key}: acknowledged {value}, stored {stored.Value}");
        }
    }

    [Fact]
    public async Task Durable_timers_fire_after_the_silo_is_killed_and_restarted_late_and_with_their_scheduled_times()
    {
        var silo = await StartSiloAsync();
        // Ten seconds for the 21 registrations and the kill: on a loaded machine 3 s was not enough, and a timer
        // fired by the first run (before the kill) is not what this test is about.
        var due = TruncateToMilliseconds(DateTimeOffset.UtcNow.AddSeconds(10));
        for (var i = 0; i < 20; i++)
            (await silo.Http.PutAsJsonAsync($"/api/v1/samples/reminders/kill-{i}/timers/sla", new { dueAt = due })).EnsureSuccessStatusCode();
        var periodicFirst = TruncateToMilliseconds(due.AddSeconds(-1));
        (await silo.Http.PutAsJsonAsync("/api/v1/samples/reminders/kill-periodic/timers/heartbeat",
            new { dueAt = periodicFirst, periodSeconds = 1 })).EnsureSuccessStatusCode();

        silo.Kill(); // before anything is due: every tick must come from the next run
        Assert.True(DateTimeOffset.UtcNow < periodicFirst, "the registrations took until a timer was due; the premise does not hold");
        await silo.DisposeAsync();
        while (DateTimeOffset.UtcNow < due.AddSeconds(2)) await Task.Delay(100); // let the due times pass while no silo runs
        var restartedAt = DateTimeOffset.UtcNow;
        await using var restarted = await StartSiloAsync();

        for (var i = 0; i < 20; i++)
        {
            var ticks = await WaitForTicksAsync(restarted, $"kill-{i}", 1);
            var tick = Assert.Single(ticks);
            Assert.Equal(due, tick.ScheduledAt);
            Assert.True(tick.FiredAt >= restartedAt, $"fired at {tick.FiredAt}, restarted at {restartedAt}");
        }

        var heartbeat = await WaitForTicksAsync(restarted, "kill-periodic", 2);
        var late = heartbeat.Where(t => t.ScheduledAt < restartedAt).ToList();
        Assert.Equal(periodicFirst, Assert.Single(late).ScheduledAt); // the missed occurrences collapse into one late tick
        Assert.All(heartbeat.Skip(1), t => Assert.True(t.ScheduledAt > restartedAt.AddSeconds(-1), $"then on schedule: {t.ScheduledAt}"));
    }

    private static async Task<IReadOnlyList<Tick>> WaitForTicksAsync(SiloProcess silo, string key, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await silo.Http.GetFromJsonAsync<ReminderStatus>($"/api/v1/samples/reminders/{key}");
            if (status!.Ticks.Count >= count) return status.Ticks;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{key} received {status.Ticks.Count} of {count} ticks:\n{silo.Output}");
            await Task.Delay(100);
        }
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private sealed record Counter(string Key, long Value, long Version);

    private sealed record Tick(string Name, DateTimeOffset ScheduledAt, DateTimeOffset FiredAt);

    private sealed record ReminderStatus(string Key, IReadOnlyList<Tick> Ticks);
}

public sealed class SqliteSiloCrashTests : SiloCrashTests
{
    protected override Task<string[]> StorageArgumentsAsync() => Task.FromResult(Array.Empty<string>()); // the embedded default
}

/// <summary>On PostgreSQL the silo is a one-silo cluster: a restart must supersede the killed run on the same address.</summary>
public sealed class PostgresSiloCrashTests : SiloCrashTests
{
    protected override async Task<string[]> StorageArgumentsAsync()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        return ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={database}",
            $"--Cluster:SiloPort={SiloProcess.FreePort()}", "--Cluster:AdvertisedAddress=127.0.0.1", "--Cluster:Name=crash-" + Guid.NewGuid().ToString("N")[..8]];
    }
}
