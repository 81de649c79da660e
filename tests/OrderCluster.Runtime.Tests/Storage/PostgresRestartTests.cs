using Npgsql;
using OrderCluster.Runtime.Storage;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>Restarting the shared test server would break every other test running at the time: this runs alone.</summary>
[CollectionDefinition(nameof(PostgresRestartCollection), DisableParallelization = true)]
public sealed class PostgresRestartCollection;

/// <summary>A PostgreSQL crash and restart: committed data survives, a batch sent while it is down fails whole, and the store recovers.</summary>
[Collection(nameof(PostgresRestartCollection))]
public sealed class PostgresRestartTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2031, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task After_a_server_crash_committed_data_is_there_a_failed_batch_applied_nothing_and_the_store_works_again()
    {
        await using var store = StoreFactory.OpenPostgres(fixture.ConnectionString, "restart");
        await store.State.InitializeAsync(CancellationToken.None);
        var grain = new GrainId("order", "1");
        await store.State.CommitAsync([new GrainWrite(grain, new StateChange("state", "{\"n\":1}"u8.ToArray(), 0), [new TimerUpsert("sla", T0, null)])],
            CancellationToken.None);

        await fixture.Server.StopAsync(immediate: true);
        var whileDown = await Record.ExceptionAsync(() => store.State.CommitAsync(
            [new GrainWrite(grain, new StateChange("state", "{\"n\":2}"u8.ToArray(), 1), [new TimerDelete("sla")])], CancellationToken.None));
        await fixture.Server.StartAsync();
        var stored = await RetryOnBrokenConnectionsAsync(() => store.State.ReadStateAsync(grain, "state", CancellationToken.None));
        var timers = await store.Timers.ListAsync(grain, CancellationToken.None);
        var afterRestart = await store.State.CommitAsync(
            [new GrainWrite(grain, new StateChange("state", "{\"n\":2}"u8.ToArray(), 1), [new TimerDelete("sla")])], CancellationToken.None);

        Assert.IsAssignableFrom<NpgsqlException>(whileDown);
        Assert.Equal(1, stored!.Version);
        Assert.Equal("sla", Assert.Single(timers).Name);
        Assert.Equal([GrainWriteResult.Success(2)], afterRestart);
    }

    /// <summary>Pooled connections opened before the restart fail once each when next used; the pool then drops them.</summary>
    private static async Task<T> RetryOnBrokenConnectionsAsync<T>(Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (NpgsqlException) when (attempt < 50)
            {
            }
        }
    }
}
