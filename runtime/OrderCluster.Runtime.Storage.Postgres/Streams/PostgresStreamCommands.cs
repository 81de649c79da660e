using Npgsql;
using NpgsqlTypes;

namespace OrderCluster.Runtime.Storage.Postgres.Streams;

/// <summary>
/// Reads partitions and keeps cursors, dead letters, subscriptions and retention (schema migration 4). Each call is one
/// statement and one round trip. Times are stored in whole milliseconds, as SQLite stores them.
/// </summary>
internal sealed class PostgresStreamCommands : IStreamStore
{
    private readonly PostgresDatabase _database;
    private readonly string _readSql;
    private readonly string _readHeadsSql;
    private readonly string _readCursorsSql;
    private readonly string _saveCursorsSql;
    private readonly string _positionsBeforeSql;
    private readonly string _findSql;
    private readonly string _addDeadLetterSql;
    private readonly string _listDeadLettersSql;
    private readonly string _listGroupDeadLettersSql;
    private readonly string _getDeadLetterSql;
    private readonly string _deleteDeadLetterSql;
    private readonly string _countDeadLettersSql;
    private readonly string _saveSubscriptionSql;
    private readonly string _deleteSubscriptionSql;
    private readonly string _listSubscriptionsSql;
    private readonly string _deleteDeliveredSql;

    public PostgresStreamCommands(PostgresDatabase database)
    {
        _database = database;
        _readSql = database.Sql(PostgresStreamSql.Read);
        _readHeadsSql = database.Sql(PostgresStreamSql.ReadHeads);
        _readCursorsSql = database.Sql(PostgresStreamSql.ReadCursors);
        _saveCursorsSql = database.Sql(PostgresStreamSql.SaveCursors);
        _positionsBeforeSql = database.Sql(PostgresStreamSql.PositionsBefore);
        _findSql = database.Sql(PostgresStreamSql.Find);
        _addDeadLetterSql = database.Sql(PostgresStreamSql.AddDeadLetter);
        _listDeadLettersSql = database.Sql(PostgresStreamSql.ListDeadLetters);
        _listGroupDeadLettersSql = database.Sql(PostgresStreamSql.ListGroupDeadLetters);
        _getDeadLetterSql = database.Sql(PostgresStreamSql.GetDeadLetter);
        _deleteDeadLetterSql = database.Sql(PostgresStreamSql.DeleteDeadLetter);
        _countDeadLettersSql = database.Sql(PostgresStreamSql.CountDeadLetters);
        _saveSubscriptionSql = database.Sql(PostgresStreamSql.SaveSubscription);
        _deleteSubscriptionSql = database.Sql(PostgresStreamSql.DeleteSubscription);
        _listSubscriptionsSql = database.Sql(PostgresStreamSql.ListSubscriptions);
        _deleteDeliveredSql = database.Sql(PostgresStreamSql.DeleteDelivered);
    }

    /// <summary>The read statement and its parameters (also used by the tests that check its plan).</summary>
    internal NpgsqlCommand CreateReadCommand(int partition, long afterPosition, IReadOnlyCollection<string>? namespaces, string? streamKey, int limit)
    {
        var command = _database.CreateCommand(_readSql);
        command.Parameters.Add(PostgresDatabase.Parameter(partition));
        command.Parameters.Add(PostgresDatabase.Parameter(afterPosition));
        command.Parameters.Add(PostgresDatabase.Parameter(namespaces?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        command.Parameters.Add(PostgresDatabase.Parameter(streamKey, NpgsqlDbType.Text));
        command.Parameters.Add(PostgresDatabase.Parameter(limit));
        return command;
    }

    public async Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(int partition, long afterPosition, IReadOnlyCollection<string>? namespaces,
        string? streamKey, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return [];
        await using var command = CreateReadCommand(partition, afterPosition, namespaces, streamKey, limit);
        var events = new List<StoredStreamEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredStreamEvent(partition, reader.GetInt64(0), new StreamId(reader.GetString(1), reader.GetString(2)),
                reader.GetInt64(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return events;
    }

    public Task<IReadOnlyDictionary<int, long>> ReadHeadsAsync(CancellationToken cancellationToken) =>
        ReadPositionsAsync(_database.CreateCommand(_readHeadsSql), cancellationToken);

    public Task<IReadOnlyDictionary<int, long>> ReadCursorsAsync(string group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var command = _database.CreateCommand(_readCursorsSql);
        command.Parameters.Add(PostgresDatabase.Parameter(group));
        return ReadPositionsAsync(command, cancellationToken);
    }

    public async Task SaveCursorsAsync(string group, IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count == 0) return;
        await using var command = _database.CreateCommand(_saveCursorsSql);
        command.Parameters.Add(PostgresDatabase.Parameter(group));
        command.Parameters.Add(PostgresDatabase.Parameter(positions.Keys.ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(positions.Values.ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statement and its parameters (also used by the tests that check its plan).</summary>
    internal NpgsqlCommand CreatePositionsBeforeCommand(DateTimeOffset time)
    {
        var command = _database.CreateCommand(_positionsBeforeSql);
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresDatabase.MillisecondBound(time)));
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresStreamSql.OutOfOrderWindow));
        return command;
    }

    public Task<IReadOnlyDictionary<int, long>> PositionsBeforeAsync(DateTimeOffset time, CancellationToken cancellationToken) =>
        ReadPositionsAsync(CreatePositionsBeforeCommand(time), cancellationToken);

    /// <summary>The statement and its parameters (also used by the tests that check its plan).</summary>
    internal NpgsqlCommand CreateFindCommand(StreamId stream, long sequence)
    {
        var command = _database.CreateCommand(_findSql);
        command.Parameters.Add(PostgresDatabase.Parameter(stream.Namespace));
        command.Parameters.Add(PostgresDatabase.Parameter(stream.Key));
        command.Parameters.Add(PostgresDatabase.Parameter(sequence));
        return command;
    }

    public async Task<(int Partition, long Position)?> FindAsync(StreamId stream, long sequence, CancellationToken cancellationToken)
    {
        if (stream.Namespace is null || stream.Key is null) return null;
        await using var command = CreateFindCommand(stream, sequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(0), reader.GetInt64(1)) : null;
    }

    public async Task<long> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentNullException.ThrowIfNull(deadLetter.Event);
        var e = deadLetter.Event;
        await using var command = _database.CreateCommand(_addDeadLetterSql);
        command.Parameters.Add(PostgresDatabase.Parameter(deadLetter.Group));
        command.Parameters.Add(PostgresDatabase.Parameter(e.Partition));
        command.Parameters.Add(PostgresDatabase.Parameter(e.Position));
        command.Parameters.Add(PostgresDatabase.Parameter(e.Stream.Namespace));
        command.Parameters.Add(PostgresDatabase.Parameter(e.Stream.Key));
        command.Parameters.Add(PostgresDatabase.Parameter(e.Sequence));
        command.Parameters.Add(PostgresDatabase.Parameter(e.EventType));
        command.Parameters.Add(PostgresDatabase.Parameter(e.PayloadJson));
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresDatabase.Milliseconds(e.CreatedAt)));
        command.Parameters.Add(PostgresDatabase.Parameter(deadLetter.Error));
        command.Parameters.Add(PostgresDatabase.Parameter(deadLetter.Attempts));
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresDatabase.Milliseconds(deadLetter.FailedAt)));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return [];
        await using var command = _database.CreateCommand(group is null ? _listDeadLettersSql : _listGroupDeadLettersSql);
        if (group is not null) command.Parameters.Add(PostgresDatabase.Parameter(group));
        command.Parameters.Add(PostgresDatabase.Parameter(limit));
        return await ReadDeadLettersAsync(command, cancellationToken);
    }

    public async Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(_getDeadLetterSql);
        command.Parameters.Add(PostgresDatabase.Parameter(id));
        return (await ReadDeadLettersAsync(command, cancellationToken)).SingleOrDefault();
    }

    public Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken) =>
        ExecuteAsync(_deleteDeadLetterSql, cancellationToken, PostgresDatabase.Parameter(id));

    public async Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(_countDeadLettersSql);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    public async Task SaveSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await ExecuteAsync(_saveSubscriptionSql, cancellationToken,
            PostgresDatabase.Parameter(subscription.Id),
            PostgresDatabase.Parameter(subscription.Namespace),
            PostgresDatabase.Parameter(subscription.StreamKey, NpgsqlDbType.Text),
            PostgresDatabase.Parameter(subscription.Consumer.Type),
            PostgresDatabase.Parameter(subscription.Consumer.Key),
            PostgresDatabase.Parameter(PostgresDatabase.Milliseconds(subscription.CreatedAt)));
    }

    public Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ExecuteAsync(_deleteSubscriptionSql, cancellationToken, PostgresDatabase.Parameter(id));
    }

    public async Task<IReadOnlyList<StreamSubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(_listSubscriptionsSql);
        var subscriptions = new List<StreamSubscriptionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            subscriptions.Add(new StreamSubscriptionRecord(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                new GrainId(reader.GetString(3), reader.GetString(4)), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        // The "C" collation orders by UTF-8 bytes; the contract orders by UTF-16 (ordinal), which differs for a few characters.
        return subscriptions.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<int> DeleteDeliveredAsync(int partition, long upToPosition, DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(_deleteDeliveredSql);
        command.Parameters.Add(PostgresDatabase.Parameter(partition));
        command.Parameters.Add(PostgresDatabase.Parameter(upToPosition));
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresDatabase.MillisecondBound(createdBefore)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<int, long>> ReadPositionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var positions = new Dictionary<int, long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) positions[reader.GetInt32(0)] = reader.GetInt64(1);
            return positions;
        }
    }

    private static async Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = new StoredStreamEvent(reader.GetInt32(2), reader.GetInt64(3), new StreamId(reader.GetString(4), reader.GetString(5)),
                reader.GetInt64(6), reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9));
            letters.Add(new DeadLetter(reader.GetInt64(0), reader.GetString(1), stored, reader.GetString(10), reader.GetInt32(11),
                reader.GetFieldValue<DateTimeOffset>(12)));
        }

        return letters;
    }

    private async Task<bool> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = _database.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
