using Npgsql;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>The private test servers: the shared fast one, and the durable one benchmarks start for production figures.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_durable_server_is_a_separate_server_that_flushes_every_commit_and_the_shared_one_stays_fast()
    {
        var shared = await PostgresServer.GetAsync();
        var durable = await PostgresServer.StartDurableAsync();

        var durableSettings = await SettingsAsync(durable);
        var sharedSettings = await SettingsAsync(shared);

        Assert.True(durable.IsDurable);
        Assert.False(shared.IsDurable);
        Assert.Same(shared, await PostgresServer.GetAsync());
        Assert.NotEqual(shared.Port, durable.Port);
        Assert.NotEqual(shared.DataDirectory, durable.DataDirectory);
        Assert.Equal(("on", "on", "on"), durableSettings);
        Assert.Equal(("off", "on", "off"), sharedSettings);
        await durable.StopAsync();
    }

    /// <summary>fsync, synchronous_commit and full_page_writes, as a fresh database on the server reports them.</summary>
    private static async Task<(string Fsync, string SynchronousCommit, string FullPageWrites)> SettingsAsync(PostgresServer server)
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            await using var connection = new NpgsqlConnection(database + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }
}
