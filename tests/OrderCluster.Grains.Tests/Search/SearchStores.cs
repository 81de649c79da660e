using Microsoft.Extensions.DependencyInjection;
using OrderCluster.GrainInterfaces.Search;
using OrderCluster.Grains.Search;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Runtime.Storage.Sqlite;
using OrderCluster.Testing.Postgres;
using OrderCluster.Testing.Sqlite;

namespace OrderCluster.Grains.Tests.Search;

/// <summary>A PostgreSQL search store on a fresh database of the test server, its runtime schema created as a silo creates it.</summary>
public sealed class PostgresSearchStoreFixture : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public string ConnectionString { get; private set; } = "";

    internal PostgresReadModelDatabase Database { get; private set; } = null!;

    internal PostgresOrderSearchStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        _services = new ServiceCollection().AddPostgresStorage(ConnectionString).BuildServiceProvider();
        await _services.GetRequiredService<IGrainStateStore>().InitializeAsync(CancellationToken.None);
        Database = _services.GetRequiredService<PostgresReadModelDatabase>();
        Store = new PostgresOrderSearchStore(Database);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>A SQLite search store on a fresh file, its runtime schema created as a silo creates it.</summary>
public sealed class SqliteSearchStoreFixture : IAsyncLifetime
{
    private readonly SqliteDatabaseFixture _files = new();
    private ServiceProvider _services = null!;

    internal SqliteOrderSearchStore Store { get; private set; } = null!;

    internal SqliteReadModelDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _files.InitializeAsync();
        _services = new ServiceCollection().AddSqliteStorage(_files.ConnectionString).BuildServiceProvider();
        await _services.GetRequiredService<IGrainStateStore>().InitializeAsync(CancellationToken.None);
        Database = _services.GetRequiredService<SqliteReadModelDatabase>();
        Store = new SqliteOrderSearchStore(Database);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _files.DisposeAsync();
    }
}

public sealed class PostgresOrderSearchStoreTests(PostgresSearchStoreFixture fixture)
    : OrderSearchStoreConformanceTests, IClassFixture<PostgresSearchStoreFixture>
{
    protected override IOrderSearchStore Store => fixture.Store;
}

public sealed class SqliteOrderSearchStoreTests(SqliteSearchStoreFixture fixture)
    : OrderSearchStoreConformanceTests, IClassFixture<SqliteSearchStoreFixture>
{
    protected override IOrderSearchStore Store => fixture.Store;
}

public sealed class MemoryOrderSearchStoreTests : OrderSearchStoreConformanceTests
{
    private static readonly MemoryOrderSearchStore Shared = new();

    protected override IOrderSearchStore Store => Shared;
}
