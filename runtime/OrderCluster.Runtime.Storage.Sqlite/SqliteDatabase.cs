using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Storage.Sqlite;

/// <summary>
/// The connections to one database file. SQLite has one writer at a time, so every write goes through one dedicated
/// writer connection, one transaction at a time (<c>BEGIN IMMEDIATE</c>: the write lock is taken up front, so a
/// transaction never fails half-way to upgrade it), with its statements prepared once. Reads use pooled connections
/// and, in WAL mode, run beside the writer without blocking it.
/// </summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    private readonly SqliteStorageOptions _options;
    private readonly ILogger _logger;
    private readonly string _readerConnectionString;
    private readonly string _writerConnectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private SqliteConnection? _writer;
    private bool _disposed;

    public SqliteDatabase(SqliteStorageOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        FilePath = builder.DataSource;
        builder.DefaultTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);

        builder.Pooling = false; // the writer is opened once and kept
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        _writerConnectionString = builder.ConnectionString;

        builder.Pooling = true;
        builder.Mode = SqliteOpenMode.ReadWrite; // a reader never creates the file; InitializeAsync does
        _readerConnectionString = builder.ConnectionString;
    }

    /// <summary>The database file as given in the connection string.</summary>
    public string FilePath { get; }

    /// <summary>A pooled connection for reads. Dispose it to return it to the pool.</summary>
    public SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_readerConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction on the writer connection, after any writes already waiting,
    /// and commits it. If <paramref name="work"/> or the commit throws, the transaction is rolled back (and the writer
    /// connection replaced if even that fails), so nothing half-done stays behind.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteWriteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            var connection = _writer ??= OpenWriter();
            using var transaction = connection.BeginTransaction(deferred: false);
            try
            {
                var result = work(new SqliteWriteTransaction(this, transaction));
                transaction.Commit();
                return result;
            }
            catch (Exception)
            {
                RollBack(transaction);
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The writer's prepared command for <paramref name="sql"/>, enlisted in <paramref name="transaction"/>.</summary>
    internal SqliteCommand Prepared(string sql, SqliteTransaction transaction)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = (int)Math.Ceiling(_options.CommandTimeout.TotalSeconds);
            // Parameters bind in the order they first appear in the statement.
            foreach (var name in ParameterNames(sql)) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            command.Transaction = transaction;
            command.Prepare();
            _prepared.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>The parameter names of <paramref name="sql"/> in the order they first appear (the order values bind in).</summary>
    internal static List<string> ParameterNames(string sql) =>
        ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            if (_disposed) return;
            _disposed = true;
            CloseWriter();
            // Pooled readers would keep the file open (and, on some systems, undeletable) after the store is gone.
            using var reader = new SqliteConnection(_readerConnectionString);
            SqliteConnection.ClearPool(reader);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection OpenWriter()
    {
        if (FilePath != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(FilePath)) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);

        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}");
            var journalMode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL")) ?? "";
            Execute(connection, _options.Synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            SqliteLog.Opened(_logger, FilePath, journalMode, _options.Synchronous);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void RollBack(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // SQLite may have rolled back by itself (disk full, I/O error), or the connection is unusable: start afresh.
            SqliteLog.WriterReset(_logger, e);
            CloseWriter();
        }
    }

    private void CloseWriter()
    {
        foreach (var command in _prepared.Values) command.Dispose();
        _prepared.Clear();
        _writer?.Dispose();
        _writer = null;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [GeneratedRegex(@"\$[A-Za-z0-9_]+")]
    private static partial Regex ParameterName();
}

/// <summary>An open write transaction on the writer connection; its statements are prepared once and reused.</summary>
internal readonly struct SqliteWriteTransaction(SqliteDatabase database, SqliteTransaction transaction)
{
    /// <summary>Runs a statement with its parameters in order of first appearance; returns the number of changed rows.</summary>
    public int Execute(string sql, params ReadOnlySpan<object?> values) => Bind(sql, values).ExecuteNonQuery();

    /// <summary>Runs several statements once (migrations), without keeping them prepared.</summary>
    public void ExecuteScript(string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and returns the first column of its first row (null when there is no row or it is NULL).</summary>
    public object? Scalar(string sql, params ReadOnlySpan<object?> values)
    {
        var value = Bind(sql, values).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query; dispose the reader before the next statement.</summary>
    public SqliteDataReader Query(string sql, params ReadOnlySpan<object?> values) => Bind(sql, values).ExecuteReader();

    private SqliteCommand Bind(string sql, ReadOnlySpan<object?> values)
    {
        var command = database.Prepared(sql, transaction);
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }
}
