using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Drafts;

/// <summary>A draft remembers its step and data across a silo restart.</summary>
public sealed class DraftPersistenceTests(SqliteDatabaseFixture sqlite) : DomainStorageTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);

    [Fact]
    public async Task A_draft_continues_where_the_user_left_it_after_a_restart()
    {
        await Grains.Customer("acme", "c-1").SaveProfileAsync(new SaveCustomerProfile { Actor = Admin, Profile = Profile() });
        await Grains.Draft("acme", "d-1").StartAsync(new StartDraft { Actor = Clerk, Channel = SalesChannel.Online(), Currency = "EUR" });
        await Grains.Draft("acme", "d-1").SaveCustomerAsync(new SaveDraftCustomer { Actor = Clerk, CustomerId = "c-1" });

        await RestartSiloAsync();
        var draft = await Grains.Draft("acme", "d-1").GetAsync();

        Assert.Equal((DraftStep.Lines, "c-1", "Berlin"), (draft.CurrentStep, draft.Customer!.CustomerId, draft.ShippingAddress!.City));
    }
}
