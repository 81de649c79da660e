using System.Text.Json;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Tenants;

/// <summary>Combined approval conditions (polymorphic JSON) survive a restart on durable storage, PostgreSQL's jsonb included.</summary>
public abstract class ConfigurationPersistenceTests : DomainStorageTests
{
    [Fact]
    public async Task A_published_workflow_with_nested_conditions_reads_back_the_same_after_a_restart()
    {
        var rule = Workflows.Rule("big-marketplace-not-ebay", new AllOf
        {
            Conditions =
            [
                new ChannelIn { Channels = [ChannelKind.Marketplace] },
                new NoneOf { Conditions = [new ChannelIn { Channels = [ChannelKind.Marketplace], Marketplaces = ["eBay"] }] },
                new AnyOf { Conditions = [new TotalAbove { Amount = 1_000m, Currency = "EUR" }, new DiscountAbove { Percent = 10m }] },
            ],
        }, "finance");
        var published = await Workflows.PublishRulesAsync(Grains, "acme", rule);

        await RestartSiloAsync();
        var read = await Grains.Workflows("acme").GetCurrentAsync();
        await Grains.Order("acme", "o-amazon").CreateAsync(OrderOf(2_000m) with { Channel = SalesChannel.Marketplace("Amazon") });
        await Grains.Order("acme", "o-ebay").CreateAsync(OrderOf(2_000m) with { Channel = SalesChannel.Marketplace("eBay") });

        var json = GrainInterfacesJsonContext.Default.WorkflowDefinition;
        Assert.Equal(JsonSerializer.Serialize(published, json), JsonSerializer.Serialize(read, json));
        Assert.Equal("pending-approval", (await Grains.Order("acme", "o-amazon").GetAsync()).Status);
        Assert.Equal("approved", (await Grains.Order("acme", "o-ebay").GetAsync()).Status);
    }
}

public sealed class SqliteConfigurationPersistenceTests(SqliteDatabaseFixture sqlite) : ConfigurationPersistenceTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresConfigurationPersistenceTests : ConfigurationPersistenceTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
