using OrderCluster.Testing.Postgres;
using OrderCluster.Testing.Sqlite;

namespace OrderCluster.Testing.Silos;

/// <summary>A fresh database for one test on the chosen provider (none for memory).</summary>
public static class TestDatabases
{
    public static async Task<string?> CreateAsync(TestStorage storage, SqliteDatabaseFixture? sqlite = null) => storage switch
    {
        TestStorage.Memory => null,
        TestStorage.Sqlite => SqliteDatabaseFixture.ConnectionStringFor(
            (sqlite ?? throw new ArgumentNullException(nameof(sqlite))).NewDatabasePath()),
        _ => await (await PostgresServer.GetAsync()).CreateDatabaseAsync(),
    };
}
