using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OrderCluster.Testing.Postgres;

/// <summary>
/// A private PostgreSQL server for the tests of one process: started once on first use from the installed
/// binaries, on 127.0.0.1 and a free port, with a throw-away data directory; stopped (and its directory
/// removed) when the process exits. Several test processes each get their own server, port and directory.
/// fsync and full-page writes are off (a crash of the machine loses the data, which tests never need). Synchronous
/// commit stays on: with fsync off it only costs a write to the OS cache, and it means a crash of the server
/// (<see cref="StopAsync"/> with <c>immediate</c>) loses no acknowledged commit, as in production; with it off, the
/// last ~200 ms of commits would vanish and crash tests would report data loss that production would not have. A watchdog process stops the server and removes the directory
/// even when the test process is killed.
/// <para>
/// Benchmarks that must pay what production pays for durability use <see cref="StartDurableAsync"/> instead: another
/// server (its own port and directory, cleaned up the same way) with <c>fsync=on</c>, <c>synchronous_commit=on</c>
/// and <c>full_page_writes=on</c>, so every commit waits for its WAL to reach the disk. <see cref="GetAsync"/> is not
/// affected by it.
/// </para>
/// </summary>
public sealed class PostgresServer
{
    private const string DirectoryPrefix = "ordercluster-pg-";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<PostgresServer>> Instance = new(() => StartNewAsync(durable: false));
    private static int _databaseCounter;

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private bool _running;

    private PostgresServer(string binDirectory, string rootDirectory, bool durable)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        IsDurable = durable;
    }

    /// <summary>Whether the server flushes every commit to disk (<see cref="StartDurableAsync"/>) or not (<see cref="GetAsync"/>).</summary>
    public bool IsDurable { get; }

    /// <summary>The TCP port the server listens on (127.0.0.1); it stays the same across restarts.</summary>
    public int Port { get; private set; }

    /// <summary>The data directory (owned by the postgres user when the tests run as root).</summary>
    public string DataDirectory => Path.Combine(_rootDirectory, "data");

    /// <summary>A superuser connection to the <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>The server of this test process, started on first call.</summary>
    public static Task<PostgresServer> GetAsync() => Instance.Value;

    /// <summary>
    /// Starts another private server with production durability (<c>fsync=on</c>, <c>synchronous_commit=on</c>,
    /// <c>full_page_writes=on</c>), for benchmarks whose figures must include flushing each commit to disk. Each call
    /// starts a new server on its own port and directory; like the shared one, it is stopped and removed when the process
    /// exits, even if it is killed.
    /// </summary>
    public static Task<PostgresServer> StartDurableAsync() => StartNewAsync(durable: true);

    /// <summary>Creates a fresh, uniquely named database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing any connection still open to it.</summary>
    public Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
                   ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        return ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"")}\" WITH (FORCE)", cancellationToken);
    }

    /// <summary>
    /// Stops the server: <paramref name="immediate"/> aborts like a crash (open connections break, no
    /// checkpoint), otherwise it shuts down fast (connections are closed, then a checkpoint).
    /// </summary>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (!_running) return;
            await ServerProcess.RunToolAsync(Tool("pg_ctl"),
                ["stop", "-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60"], ToolTimeout, cancellationToken);
            _running = false;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts a stopped server again on the same data directory and port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_running) return;
            var (exitCode, output) = await StartServerAsync(Port, cancellationToken);
            if (exitCode != 0)
                throw new InvalidOperationException($"PostgreSQL did not start again on port {Port}:{Environment.NewLine}{output}{ReadServerLog()}");
            _running = true;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops and starts the server on the same data directory and port (committed data survives).</summary>
    public async Task RestartAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        await StopAsync(immediate, cancellationToken);
        await StartAsync(cancellationToken);
    }

    private static async Task<PostgresServer> StartNewAsync(bool durable)
    {
        var binDirectory = PostgresBinaries.FindBinDirectory();
        // As root the postgres user must reach the directory, and the process temp dir may be private to root.
        var tempRoot = ServerProcess.IsRoot && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
        RemoveAbandonedServers(tempRoot, binDirectory);

        var root = Path.Combine(tempRoot, $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..(DirectoryPrefix.Length + 20)]);
        Directory.CreateDirectory(Path.Combine(root, "sockets"));
        var server = new PostgresServer(binDirectory, root, durable);
        ServerWatchdog.Start(server.Tool("pg_ctl"), server.DataDirectory, root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAndRemoveOnExit();
        await ServerProcess.GrantToServiceUserAsync(root, CancellationToken.None);

        string[] initdb = ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-instructions"];
        await ServerProcess.RunToolAsync(server.Tool("initdb"), durable ? initdb : [.. initdb, "--no-sync"], ToolTimeout);

        // Another test process may take the port between probing and binding it: try a few.
        var failures = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FindFreePort();
            var (exitCode, output) = await server.StartServerAsync(port, CancellationToken.None);
            if (exitCode == 0)
            {
                server.Port = port;
                server._running = true;
                return server;
            }

            failures.Add($"port {port}: {output}{server.ReadServerLog()}");
        }

        throw new InvalidOperationException($"PostgreSQL did not start from {binDirectory}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private Task<(int ExitCode, string Output)> StartServerAsync(int port, CancellationToken cancellationToken)
    {
        var durability = IsDurable ? "-c fsync=on -c full_page_writes=on" : "-c fsync=off -c full_page_writes=off";
        var settings = string.Join(' ',
            "-c listen_addresses=127.0.0.1", $"-p {port}", $"-c unix_socket_directories={Path.Combine(_rootDirectory, "sockets")}",
            durability, "-c synchronous_commit=on", "-c max_connections=400",
            "-c shared_buffers=64MB", "-c max_locks_per_transaction=256");
        return ServerProcess.RunAsync(Tool("pg_ctl"),
            ["start", "-D", DataDirectory, "-l", Path.Combine(_rootDirectory, "server.log"), "-w", "-t", "60", "-o", settings],
            ToolTimeout, cancellationToken);
    }

    private async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 30,
    }.ConnectionString;

    private string Tool(string name) => Path.Combine(_binDirectory, name);

    private string ReadServerLog()
    {
        try
        {
            var log = File.ReadAllText(Path.Combine(_rootDirectory, "server.log"));
            return $"{Environment.NewLine}server.log:{Environment.NewLine}{log[Math.Max(0, log.Length - 4000)..]}";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private void StopAndRemoveOnExit()
    {
        try
        {
            if (_running) ServerProcess.RunSync(Tool("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "20"], TimeSpan.FromSeconds(20));
            Directory.Delete(_rootDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Best effort: the watchdog (or RemoveAbandonedServers on the next run) finishes the job.
        }
    }

    /// <summary>Stops servers and removes directories left by test processes that died without their exit handler.</summary>
    private static void RemoveAbandonedServers(string tempRoot, string binDirectory)
    {
        foreach (var dir in Directory.GetDirectories(tempRoot, DirectoryPrefix + "*"))
        {
            var pidText = Path.GetFileName(dir)[DirectoryPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, out var pid) || IsAlive(pid)) continue;
            try
            {
                if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
                    ServerProcess.RunSync(Path.Combine(binDirectory, "pg_ctl"), ["stop", "-D", Path.Combine(dir, "data"), "-m", "immediate", "-w", "-t", "20"],
                        TimeSpan.FromSeconds(20));
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process may be cleaning the same directory.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
