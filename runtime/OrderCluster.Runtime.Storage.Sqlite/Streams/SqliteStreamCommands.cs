using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace OrderCluster.Runtime.Storage.Sqlite.Streams;

/// <summary>
/// Reads partitions (on pooled reader connections, beside the writer) and keeps cursors, dead letters, subscriptions and
/// retention (through the writer, one transaction per call). Times are unix milliseconds.
/// </summary>
internal sealed class SqliteStreamCommands(SqliteDatabase database) : IStreamStore
{
    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(int partition, long afterPosition, IReadOnlyCollection<string>? namespaces,
        string? streamKey, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (limit <= 0) return Task.FromResult<IReadOnlyList<StoredStreamEvent>>([]);
        var events = new List<StoredStreamEvent>();
        Query(SqliteStreamSql.Read, reader => events.Add(new StoredStreamEvent(partition, reader.GetInt64(0),
                new StreamId(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                Time(reader, 6))),
            ReadParameters(partition, afterPosition, namespaces, streamKey, limit));
        return Task.FromResult<IReadOnlyList<StoredStreamEvent>>(events);
    }

    /// <summary>The read's parameter values, in the order of <see cref="SqliteStreamSql.Read"/>.</summary>
    internal static object?[] ReadParameters(int partition, long afterPosition, IReadOnlyCollection<string>? namespaces, string? streamKey, int limit) =>
        [partition, afterPosition, namespaces is null ? null : JsonSerializer.Serialize(namespaces.ToArray()), streamKey, limit];

    public Task<IReadOnlyDictionary<int, long>> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Positions(SqliteStreamSql.ReadHeads));
    }

    public Task<IReadOnlyDictionary<int, long>> ReadCursorsAsync(string group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Positions(SqliteStreamSql.ReadCursors, group));
    }

    public Task SaveCursorsAsync(string group, IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count == 0) return Task.CompletedTask;
        return database.WriteAsync(transaction =>
        {
            foreach (var (partition, position) in positions) transaction.Execute(SqliteStreamSql.SaveCursor, group, partition, position);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<int, long>> PositionsBeforeAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Positions(SqliteStreamSql.PositionsBefore, PositionsBeforeParameters(time)));
    }

    /// <summary>The parameter values of <see cref="SqliteStreamSql.PositionsBefore"/>: the time as an exclusive bound, the window.</summary>
    internal static object?[] PositionsBeforeParameters(DateTimeOffset time) =>
        [MillisecondBound(time), (long)SqliteStreamSql.OutOfOrderWindow.TotalMilliseconds];

    public Task<(int Partition, long Position)?> FindAsync(StreamId stream, long sequence, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (int, long)? found = null;
        if (stream.Namespace is not null && stream.Key is not null)
            Query(SqliteStreamSql.Find, reader => found = (reader.GetInt32(0), reader.GetInt64(1)), stream.Namespace, stream.Key, sequence);
        return Task.FromResult(found);
    }

    public Task<long> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentNullException.ThrowIfNull(deadLetter.Event);
        var e = deadLetter.Event;
        return database.WriteAsync(transaction => Convert.ToInt64(transaction.Scalar(SqliteStreamSql.AddDeadLetter,
            deadLetter.Group, e.Partition, e.Position, e.Stream.Namespace, e.Stream.Key, e.Sequence, e.EventType, e.PayloadJson,
            e.CreatedAt.ToUnixTimeMilliseconds(), deadLetter.Error, deadLetter.Attempts, deadLetter.FailedAt.ToUnixTimeMilliseconds())), cancellationToken);
    }

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (limit <= 0) return Task.FromResult<IReadOnlyList<DeadLetter>>([]);
        var letters = group is null
            ? DeadLetters(SqliteStreamSql.ListDeadLetters, limit)
            : DeadLetters(SqliteStreamSql.ListGroupDeadLetters, group, limit);
        return Task.FromResult<IReadOnlyList<DeadLetter>>(letters);
    }

    public Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DeadLetters(SqliteStreamSql.GetDeadLetter, id).SingleOrDefault());
    }

    public Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.Execute(SqliteStreamSql.DeleteDeadLetter, id) > 0, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        Query(SqliteStreamSql.CountDeadLetters, reader => counts[reader.GetString(0)] = reader.GetInt64(1));
        return Task.FromResult<IReadOnlyDictionary<string, long>>(counts);
    }

    public Task SaveSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return database.WriteAsync(transaction => transaction.Execute(SqliteStreamSql.SaveSubscription, subscription.Id, subscription.Namespace,
            subscription.StreamKey, subscription.Consumer.Type, subscription.Consumer.Key, subscription.CreatedAt.ToUnixTimeMilliseconds()), cancellationToken);
    }

    public Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.WriteAsync(transaction => transaction.Execute(SqliteStreamSql.DeleteSubscription, id) > 0, cancellationToken);
    }

    public Task<IReadOnlyList<StreamSubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var subscriptions = new List<StreamSubscriptionRecord>();
        Query(SqliteStreamSql.ListSubscriptions, reader => subscriptions.Add(new StreamSubscriptionRecord(reader.GetString(0), reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), new GrainId(reader.GetString(3), reader.GetString(4)), Time(reader, 5))));
        // SQLite's BINARY collation orders by UTF-8 bytes; the contract orders by UTF-16 (ordinal).
        return Task.FromResult<IReadOnlyList<StreamSubscriptionRecord>>(subscriptions.OrderBy(s => s.Id, StringComparer.Ordinal).ToList());
    }

    public Task<int> DeleteDeliveredAsync(int partition, long upToPosition, DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.Execute(SqliteStreamSql.DeleteDelivered, partition, upToPosition, MillisecondBound(createdBefore)),
            cancellationToken);

    /// <summary>
    /// An exclusive bound on stored (whole-millisecond) times: stored &lt; the result exactly when stored &lt;
    /// <paramref name="time"/> (rounds up to the next millisecond).
    /// </summary>
    private static long MillisecondBound(DateTimeOffset time) =>
        time.ToUnixTimeMilliseconds() + (time.UtcTicks % TimeSpan.TicksPerMillisecond == 0 ? 0 : 1);

    private static DateTimeOffset Time(SqliteDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private IReadOnlyDictionary<int, long> Positions(string sql, params object?[] values)
    {
        var positions = new Dictionary<int, long>();
        Query(sql, reader => positions[reader.GetInt32(0)] = reader.GetInt64(1), values);
        return positions;
    }

    private List<DeadLetter> DeadLetters(string sql, params object?[] values)
    {
        var letters = new List<DeadLetter>();
        Query(sql, reader =>
        {
            var stored = new StoredStreamEvent(reader.GetInt32(2), reader.GetInt64(3), new StreamId(reader.GetString(4), reader.GetString(5)),
                reader.GetInt64(6), reader.GetString(7), reader.GetString(8), Time(reader, 9));
            letters.Add(new DeadLetter(reader.GetInt64(0), reader.GetString(1), stored, reader.GetString(10), reader.GetInt32(11), Time(reader, 12)));
        }, values);
        return letters;
    }

    /// <summary>Runs a query on a reader connection; parameters bind in order of first appearance, as the writer binds them.</summary>
    private void Query(string sql, Action<SqliteDataReader> row, params object?[] values)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = SqliteDatabase.ParameterNames(sql);
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue(names[i], values[i] ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        while (reader.Read()) row(reader);
    }
}
