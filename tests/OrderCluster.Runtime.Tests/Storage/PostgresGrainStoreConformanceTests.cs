using OrderCluster.Testing.Postgres;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>The conformance suite on PostgreSQL: each database is a fresh schema in the class's database.</summary>
public sealed class PostgresGrainStoreConformanceTests(PostgresDatabaseFixture fixture)
    : GrainStoreConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    private static int _schemas;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"conformance_{Interlocked.Increment(ref _schemas)}");

    protected override TestStore OpenStore(string database) => StoreFactory.OpenPostgres(fixture.ConnectionString, database);
}
