using Xunit;

namespace OrderCluster.Testing.Sqlite;

/// <summary>
/// A fresh SQLite database file for one test class (use as <c>IClassFixture&lt;SqliteDatabaseFixture&gt;</c>),
/// in a temp directory of its own that is deleted with everything in it (WAL and shared-memory files too)
/// when the class is done. <see cref="NewDatabasePath"/> gives further fresh files in the same directory.
/// </summary>
public sealed class SqliteDatabaseFixture : IAsyncLifetime
{
    private int _files;

    public SqliteDatabaseFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"ordercluster-sqlite-{Environment.ProcessId}-{Guid.NewGuid():N}");
        DatabasePath = Path.Combine(Directory, "test.db");
    }

    /// <summary>The temp directory owned by this fixture.</summary>
    public string Directory { get; }

    /// <summary>The database file (not created until a store opens it).</summary>
    public string DatabasePath { get; }

    /// <summary>A connection string to <see cref="DatabasePath"/>.</summary>
    public string ConnectionString => ConnectionStringFor(DatabasePath);

    /// <summary>The path of another fresh database file in the fixture's directory.</summary>
    public string NewDatabasePath() => Path.Combine(Directory, $"test-{Interlocked.Increment(ref _files)}.db");

    public static string ConnectionStringFor(string path) => $"Data Source={path}";

    public Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }
}
