using OrderCluster.Testing.Sqlite;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>The conformance suite on SQLite: each database is a fresh file in the class's temp directory.</summary>
public sealed class SqliteGrainStoreConformanceTests(SqliteDatabaseFixture fixture)
    : GrainStoreConformanceTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(fixture.NewDatabasePath());

    protected override TestStore OpenStore(string database) => StoreFactory.OpenSqlite(database);
}
