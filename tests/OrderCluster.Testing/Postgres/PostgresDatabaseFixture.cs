using Xunit;

namespace OrderCluster.Testing.Postgres;

/// <summary>
/// A fresh database on the test run's private <see cref="PostgresServer"/> for one test class
/// (use as <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>); dropped when the class is done.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;

    /// <summary>The server the database lives on (for restarts in chaos tests).</summary>
    public PostgresServer Server { get; private set; } = null!;

    /// <summary>A superuser connection string to the fresh database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The fixture is not initialised yet.");

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.GetAsync();
        _connectionString = await Server.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is not null) await Server.DropDatabaseAsync(_connectionString);
    }
}
