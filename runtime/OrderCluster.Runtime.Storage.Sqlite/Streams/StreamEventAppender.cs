namespace OrderCluster.Runtime.Storage.Sqlite.Streams;

/// <summary>
/// Appends the events of committed writes inside one write transaction: each event gets the next sequence number of its
/// stream and the next position of its partition. Heads are read once per batch, counted in memory and written back once
/// (<see cref="Save"/>). Safe because the transaction holds SQLite's single write lock from the first read to the commit,
/// so no other transaction, in this process or another, takes positions meanwhile: positions follow commit order.
/// </summary>
internal sealed class StreamEventAppender(SqliteWriteTransaction transaction)
{
    private const string ReadStreamHeadSql = "SELECT last_sequence FROM stream_head WHERE namespace = $namespace AND stream_key = $key";

    private const string ReadPartitionHeadSql = "SELECT last_position FROM stream_partition WHERE partition_id = $partition";

    private const string SaveStreamHeadSql =
        """
        INSERT INTO stream_head (namespace, stream_key, last_sequence) VALUES ($namespace, $key, $sequence)
        ON CONFLICT (namespace, stream_key) DO UPDATE SET last_sequence = excluded.last_sequence
        """;

    private const string SavePartitionHeadSql =
        """
        INSERT INTO stream_partition (partition_id, last_position) VALUES ($partition, $position)
        ON CONFLICT (partition_id) DO UPDATE SET last_position = excluded.last_position
        """;

    private const string InsertEventSql =
        """
        INSERT INTO stream_event (partition_id, position, namespace, stream_key, sequence, event_type, payload, created_at)
        VALUES ($partition, $position, $namespace, $key, $sequence, $type, $payload, $created)
        """;

    private readonly Dictionary<StreamId, long> _streams = [];
    private readonly Dictionary<int, long> _partitions = [];

    /// <summary>Validates a write's events before anything of the batch is applied.</summary>
    public static void Validate(IReadOnlyList<StreamAppend>? events, int write)
    {
        if (events is null) return;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is null || e.Stream.Namespace is null || e.Stream.Key is null || e.EventType is null || e.PayloadJson is null || e.Partition < 0)
                throw new ArgumentException($"Event {i} of write {write} of the batch lacks a stream, type or payload, or has a negative partition.", "writes");
        }
    }

    /// <summary>Appends the events of a committed write; returns their sequence numbers (null when there are none).</summary>
    public IReadOnlyList<long>? Append(IReadOnlyList<StreamAppend>? events)
    {
        if (events is null || events.Count == 0) return null;
        var sequences = new long[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var sequence = _streams[e.Stream] = StreamHead(e.Stream) + 1;
            var position = _partitions[e.Partition] = PartitionHead(e.Partition) + 1;
            transaction.Execute(InsertEventSql, e.Partition, position, e.Stream.Namespace, e.Stream.Key, sequence, e.EventType, e.PayloadJson,
                e.CreatedAt.ToUnixTimeMilliseconds());
            sequences[i] = sequence;
        }

        return sequences;
    }

    /// <summary>Writes the heads that moved.</summary>
    public void Save()
    {
        foreach (var (stream, sequence) in _streams) transaction.Execute(SaveStreamHeadSql, stream.Namespace, stream.Key, sequence);
        foreach (var (partition, position) in _partitions) transaction.Execute(SavePartitionHeadSql, partition, position);
    }

    private long StreamHead(StreamId stream) =>
        _streams.TryGetValue(stream, out var last) ? last
            : transaction.Scalar(ReadStreamHeadSql, stream.Namespace, stream.Key) is { } stored ? Convert.ToInt64(stored) : 0;

    private long PartitionHead(int partition) =>
        _partitions.TryGetValue(partition, out var last) ? last
            : transaction.Scalar(ReadPartitionHeadSql, partition) is { } stored ? Convert.ToInt64(stored) : 0;
}
