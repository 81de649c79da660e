using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;
using OrderCluster.Runtime.Storage;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Runtime.Tests.Membership;

/// <summary>Every membership table: rows change only by compare-and-swap on the version; heartbeats and cleanup.</summary>
public abstract class MembershipTableConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    protected IMembershipTable Table { get; private set; } = null!;

    protected abstract Task<IMembershipTable> CreateTableAsync();

    public async Task InitializeAsync() => Table = await CreateTableAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static MembershipEntry Entry(int port, MemberStatus status = MemberStatus.Joining, params SuspicionVote[] votes) =>
        new(new SiloAddress("10.0.0.1", port, 1000 + port), status, $"instance-{port}", $"silo-{port}", $"http://10.0.0.1:{8000 + port}",
            T0, T0, votes);

    [Fact]
    public async Task An_empty_cluster_reads_as_version_zero_with_no_members()
    {
        var snapshot = await Table.ReadAsync("empty", default);

        Assert.Equal(0, snapshot.Version);
        Assert.Empty(snapshot.Entries);
    }

    [Fact]
    public async Task A_write_at_the_current_version_lands_and_moves_the_version()
    {
        Assert.True(await Table.TryWriteAsync("c1", Entry(1), 0, default));
        Assert.True(await Table.TryWriteAsync("c1", Entry(2), 1, default));
        var vote = new SuspicionVote(Entry(2).Silo, T0.AddSeconds(5));
        Assert.True(await Table.TryWriteAsync("c1", Entry(1, MemberStatus.Active, vote), 2, default));

        var snapshot = await Table.ReadAsync("c1", default);

        Assert.Equal(3, snapshot.Version);
        Assert.Equal(2, snapshot.Entries.Count);
        var one = snapshot.Find(Entry(1).Silo)!;
        Assert.Equal(MemberStatus.Active, one.Status);
        Assert.Equal([vote], one.Suspicions);
        Assert.Equal(Entry(1) with { Status = MemberStatus.Active, Suspicions = one.Suspicions }, one);
    }

    [Fact]
    public async Task A_write_at_a_stale_version_is_refused_and_changes_nothing()
    {
        Assert.True(await Table.TryWriteAsync("c2", Entry(1), 0, default));

        Assert.False(await Table.TryWriteAsync("c2", Entry(2), 0, default));
        Assert.False(await Table.TryWriteAsync("c2", Entry(1, MemberStatus.Dead), 7, default));

        var snapshot = await Table.ReadAsync("c2", default);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(MemberStatus.Joining, Assert.Single(snapshot.Entries).Status);
    }

    [Fact]
    public async Task Of_many_concurrent_writers_at_one_version_exactly_one_wins()
    {
        Assert.True(await Table.TryWriteAsync("c3", Entry(1), 0, default));

        var results = await Task.WhenAll(Enumerable.Range(2, 20).Select(port => Table.TryWriteAsync("c3", Entry(port), 1, default)));

        Assert.Equal(1, results.Count(r => r));
        var snapshot = await Table.ReadAsync("c3", default);
        Assert.Equal(2, snapshot.Version);
        Assert.Equal(2, snapshot.Entries.Count);
    }

    [Fact]
    public async Task Clusters_do_not_see_each_other()
    {
        Assert.True(await Table.TryWriteAsync("left", Entry(1), 0, default));
        Assert.True(await Table.TryWriteAsync("right", Entry(2), 0, default));

        Assert.Equal(Entry(1).Silo, Assert.Single((await Table.ReadAsync("left", default)).Entries).Silo);
        Assert.Equal(Entry(2).Silo, Assert.Single((await Table.ReadAsync("right", default)).Entries).Silo);
    }

    [Fact]
    public async Task A_heartbeat_moves_the_heartbeat_time_without_changing_the_version()
    {
        Assert.True(await Table.TryWriteAsync("c4", Entry(1), 0, default));

        await Table.HeartbeatAsync("c4", Entry(1).Silo, T0.AddSeconds(30), default);
        await Table.HeartbeatAsync("c4", Entry(1).Silo, T0.AddSeconds(10), default); // late, out of order: ignored

        var snapshot = await Table.ReadAsync("c4", default);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(T0.AddSeconds(30), snapshot.Entries[0].HeartbeatAt);
    }

    [Fact]
    public async Task Cleanup_deletes_only_dead_rows_older_than_the_cutoff()
    {
        Assert.True(await Table.TryWriteAsync("c5", Entry(1, MemberStatus.Dead), 0, default));
        Assert.True(await Table.TryWriteAsync("c5", Entry(2, MemberStatus.Dead), 1, default));
        Assert.True(await Table.TryWriteAsync("c5", Entry(3, MemberStatus.Active), 2, default));
        await Table.HeartbeatAsync("c5", Entry(2).Silo, T0.AddHours(2), default);

        var removed = await Table.CleanupAsync("c5", T0.AddHours(1), default);

        Assert.Equal(1, removed);
        Assert.Equal([2, 3], (await Table.ReadAsync("c5", default)).Entries.Select(e => e.Silo.Port).Order());
    }
}

public sealed class MemoryMembershipTableTests : MembershipTableConformanceTests
{
    protected override Task<IMembershipTable> CreateTableAsync() => Task.FromResult<IMembershipTable>(new MemoryMembershipTable());
}

public sealed class PostgresMembershipTableTests : MembershipTableConformanceTests
{
    private ServiceProvider? _services;

    protected override async Task<IMembershipTable> CreateTableAsync()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        _services = new ServiceCollection().AddLogging().AddPostgresStorage(database).BuildServiceProvider();
        await _services.GetRequiredService<IGrainStateStore>().InitializeAsync(default); // runs the migrations
        return _services.GetRequiredService<IMembershipTable>();
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
    }
}
