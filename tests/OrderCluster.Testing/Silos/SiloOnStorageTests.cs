using Xunit;

namespace OrderCluster.Testing.Silos;

/// <summary>
/// Base of test classes that run the same tests on every storage provider: each test gets a fresh database
/// and a silo on it (restartable on the same database).
/// </summary>
public abstract class SiloOnStorageTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private string? _connectionString;

    protected abstract TestStorage Storage { get; }

    /// <summary>A fresh database for this test (null for memory).</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Adjusts the silo (grains, clock, settings) before it starts.</summary>
    protected virtual void Configure(TestSiloOptions options)
    {
    }

    protected TestSilo Silo => _silo;

    public async Task InitializeAsync()
    {
        _connectionString = await CreateDatabaseAsync();
        _silo = await StartSiloAsync();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    /// <summary>Stops the silo gracefully and starts a new one on the same database.</summary>
    protected async Task RestartSiloAsync()
    {
        await _silo.DisposeAsync();
        _silo = await StartSiloAsync();
    }

    private Task<TestSilo> StartSiloAsync() => TestSilo.StartAsync(o =>
    {
        o.Storage = Storage;
        o.ConnectionString = _connectionString;
        Configure(o);
    });
}
