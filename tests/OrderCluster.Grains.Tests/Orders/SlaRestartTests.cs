using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>
/// SLA deadlines survive the silo: stop it, move the clock past the deadline, start a new silo on the same database,
/// and the warning and the breach are recorded late, with their scheduled times.
/// </summary>
public abstract class SlaRestartTests : DomainStorageTests
{
    [Fact]
    public async Task A_deadline_missed_while_no_silo_ran_is_recorded_with_its_scheduled_time_after_a_restart()
    {
        var start = Now;
        await Grains.Order("acme", "o-1").CreateAsync(OrderOf(12_000m));
        await Grains.Order("acme", "o-1").AddNoteAsync(new AddNote { Actor = Clerk, Text = "waiting for the manager" });

        await Silo.StopAsync();
        AdvanceTo(start.AddHours(3));
        await RestartSiloAsync();
        await AdvanceUntilAsync(async () => (await Grains.Order("acme", "o-1").GetAsync()).Sla.Single(d => d.Kind == "approval").Status == SlaStatus.Breached,
            "the late breach", TimeSpan.FromMinutes(1));

        var order = await Grains.Order("acme", "o-1").GetAsync();
        var approval = order.Sla.Single(d => d.Kind == "approval");
        Assert.Equal((start.AddMinutes(96), start.AddHours(2)), (approval.WarnedAt, approval.BreachedAt));
        var breach = (await Grains.Order("acme", "o-1").GetEventsAsync(0, 100)).OfType<SlaBreached>().Single();
        Assert.Equal(start.AddHours(2), breach.DueAt);
        Assert.True(breach.OccurredAt >= start.AddHours(3), "recorded when the new silo delivered it");
        Assert.Equal(OrderPriority.High, order.Priority);
        Assert.Equal(1, (await Grains.SlaReport("acme").GetAsync()).Kinds.Single(k => k.Kind == "approval").Breached);
        // Everything written before the restart reads back: notes, events (polymorphic JSON), audit.
        Assert.Equal("waiting for the manager", (await Grains.Order("acme", "o-1").GetNotesAsync(new())).Items.Single().Text);
        var sequences = (await Grains.Order("acme", "o-1").GetEventsAsync(0, 100)).Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }
}

public sealed class SqliteSlaRestartTests(SqliteDatabaseFixture sqlite) : SlaRestartTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresSlaRestartTests : SlaRestartTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
