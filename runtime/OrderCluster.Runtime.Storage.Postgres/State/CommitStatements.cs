using System.Text;
using Npgsql;

namespace OrderCluster.Runtime.Storage.Postgres.State;

/// <summary>
/// One attempt at a commit batch: the statements of every round in one <see cref="NpgsqlBatch"/> (one round trip, one
/// implicit transaction), and the reading of what they committed. See <see cref="PostgresCommitSql"/> for the shapes.
/// Within each statement the rows are sorted by key, so two batches lock the rows they share in the same order.
/// A round with stream events is one <see cref="PostgresCommitSql.RoundWithEvents"/> statement.
/// </summary>
internal sealed class CommitStatements : IAsyncDisposable
{
    private readonly CommitSqlText _sql;
    private readonly DateTime _now;
    private readonly List<Func<NpgsqlDataReader, Dictionary<int, long>, CancellationToken, Task>> _readers = [];
    private readonly Dictionary<int, long> _alwaysCommitted = [];
    private readonly Dictionary<int, long[]> _sequences = [];

    private CommitStatements(NpgsqlBatch batch, CommitSqlText sql, DateTime now)
    {
        Batch = batch;
        _sql = sql;
        _now = now;
    }

    public NpgsqlBatch Batch { get; }

    /// <summary>The statements of <paramref name="plan"/>, with <paramref name="now"/> as the time of the writes.</summary>
    public static CommitStatements Create(NpgsqlBatch batch, CommitSqlText sql, CommitPlan plan, DateTime now)
    {
        var statements = new CommitStatements(batch, sql, now);
        statements.AddTimerLocks(plan);
        foreach (var round in plan.Rounds) statements.AddRound(round);
        return statements;
    }

    /// <summary>
    /// Runs the batch and returns the committed version of each write that committed (0: no state change) and the
    /// sequence numbers of the events of each committed write that had events.
    /// </summary>
    public async Task<(Dictionary<int, long> Versions, Dictionary<int, long[]> Sequences)> ExecuteAsync(CancellationToken cancellationToken)
    {
        var committed = new Dictionary<int, long>(_alwaysCommitted);
        _sequences.Clear();
        await using var reader = await Batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < _readers.Count; i++)
        {
            if (i > 0) await reader.NextResultAsync(cancellationToken);
            await _readers[i](reader, committed, cancellationToken);
        }

        return (committed, _sequences);
    }

    public ValueTask DisposeAsync() => Batch.DisposeAsync();

    /// <summary>
    /// Timer rows are locked in primary-key order before anything else, as the settling statements lock them, so
    /// commits and settlements never wait on each other in a cycle.
    /// </summary>
    private void AddTimerLocks(CommitPlan plan)
    {
        var keys = plan.Writes.SelectMany(p => p.Timers.Select(t => (p.Write.GrainId, t.Name))).Distinct().ToList();
        if (keys.Count == 0) return;
        var command = Add(_sql.LockTimers, SkipRows);
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.GrainId.Type).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.GrainId.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.Name).ToArray()));
    }

    private void AddRound(IReadOnlyList<PlannedWrite> round)
    {
        if (round.Any(p => p.Events.Count > 0))
        {
            AddEventRound(round);
            return;
        }

        if (round.Any(p => p.Write.State is not null && p.Timers.Count > 0))
        {
            AddFullRound(round);
            return;
        }

        var updates = new List<PlannedWrite>();
        var inserts = new List<PlannedWrite>();
        var timers = new List<(PlannedWrite Write, TimerChange Timer)>();
        foreach (var planned in round)
        {
            if (planned.Write.State is { } state) (state.ExpectedVersion == 0 ? inserts : updates).Add(planned);
            else
            {
                _alwaysCommitted[planned.Index] = 0;
                foreach (var timer in planned.Timers) timers.Add((planned, timer));
            }
        }

        if (updates.Count > 0) AddUpdates(updates);
        if (inserts.Count > 0) AddInserts(inserts);
        if (timers.Count > 0) AddTimerChanges(timers);
    }

    private void AddUpdates(List<PlannedWrite> writes)
    {
        writes.Sort(StateKeyOrder);
        var command = Add(_sql.UpdateStates, ReadVersions);
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Index).ToArray()));
        AddStateColumns(command, writes);
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.State!.ExpectedVersion).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(_now));
    }

    private void AddInserts(List<PlannedWrite> writes)
    {
        writes.Sort(StateKeyOrder);
        var byKey = writes.ToDictionary(p => (p.Write.GrainId.Type, p.Write.GrainId.Key, p.Write.State!.StateName), p => p.Index);
        var command = Add(_sql.InsertStates, async (reader, committed, cancellationToken) =>
        {
            while (await reader.ReadAsync(cancellationToken))
                committed[byKey[(reader.GetString(0), reader.GetString(1), reader.GetString(2))]] = 1;
        });
        AddStateColumns(command, writes);
        command.Parameters.Add(PostgresDatabase.Parameter(_now));
    }

    private static void AddStateColumns(NpgsqlBatchCommand command, List<PlannedWrite> writes)
    {
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.GrainId.Type).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.GrainId.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.State!.StateName).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => Payload(p.Write.State!)).ToArray()));
    }

    private void AddTimerChanges(List<(PlannedWrite Write, TimerChange Timer)> timers)
    {
        timers.Sort((a, b) => TimerKeyOrder(a.Write.Write.GrainId, a.Timer.Name, b.Write.Write.GrainId, b.Timer.Name));
        var command = Add(_sql.ChangeTimers, SkipRows);
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(t => t.Write.Write.GrainId.Type).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(t => t.Write.Write.GrainId.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(t => (long)t.Write.Write.GrainId.GetUniformHash()).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(t => t.Timer.Name).ToArray()));
        command.Parameters.Add(PostgresDatabase.TimestampTzArray(timers.Select(t => DueAt(t.Timer)).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(t => PeriodMilliseconds(t.Timer)).ToArray()));
    }

    private void AddFullRound(IReadOnlyList<PlannedWrite> round) => AddRoundParameters(Add(_sql.Round, ReadVersions), round);

    /// <summary>
    /// The whole round in one statement with its events, which are sent in input order (writes by index, each write's
    /// events in order): the statement numbers them in that order.
    /// </summary>
    private void AddEventRound(IReadOnlyList<PlannedWrite> round)
    {
        var command = Add(_sql.RoundWithEvents, ReadVersionsAndSequences);
        AddRoundParameters(command, round);
        var events = round.OrderBy(p => p.Index).SelectMany(p => p.Events.Select(e => (p.Index, Event: e))).ToList();
        command.Parameters.Add(PostgresDatabase.Parameter(events.Select(e => e.Index).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(events.Select(e => e.Event.Stream.Namespace).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(events.Select(e => e.Event.Stream.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(events.Select(e => e.Event.Partition).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(events.Select(e => e.Event.EventType).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(events.Select(e => e.Event.PayloadJson).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(events.Select(e => PostgresDatabase.Milliseconds(e.Event.CreatedAt)).ToArray()));
    }

    private void AddRoundParameters(NpgsqlBatchCommand command, IReadOnlyList<PlannedWrite> round)
    {
        var writes = round.ToList();
        writes.Sort(StateKeyOrder);
        var timers = writes.SelectMany(p => p.Timers.Select(t => (Write: p, Timer: t))).ToList();
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Index).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.GrainId.Type).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.GrainId.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => (long)p.Write.GrainId.GetUniformHash()).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.State?.StateName).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.State is { } state ? Payload(state) : null).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(writes.Select(p => p.Write.State?.ExpectedVersion ?? 0).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(t => t.Write.Index).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(t => t.Timer.Name).ToArray()));
        command.Parameters.Add(PostgresDatabase.TimestampTzArray(timers.Select(t => DueAt(t.Timer)).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(t => PeriodMilliseconds(t.Timer)).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(_now));
    }

    private NpgsqlBatchCommand Add(string sql, Func<NpgsqlDataReader, Dictionary<int, long>, CancellationToken, Task> read)
    {
        var command = new NpgsqlBatchCommand(sql);
        Batch.BatchCommands.Add(command);
        _readers.Add(read);
        return command;
    }

    private static async Task ReadVersions(NpgsqlDataReader reader, Dictionary<int, long> committed, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken)) committed[reader.GetInt32(0)] = reader.GetInt64(1);
    }

    private async Task ReadVersionsAndSequences(NpgsqlDataReader reader, Dictionary<int, long> committed, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = reader.GetInt32(0);
            committed[index] = reader.GetInt64(1);
            if (!await reader.IsDBNullAsync(2, cancellationToken)) _sequences[index] = reader.GetFieldValue<long[]>(2);
        }
    }

    private static async Task SkipRows(NpgsqlDataReader reader, Dictionary<int, long> committed, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
        }
    }

    /// <summary>jsonb is sent as text: the payload is UTF-8 JSON already.</summary>
    private static string? Payload(StateChange state) => state.Payload is { } payload ? Encoding.UTF8.GetString(payload) : null;

    private static DateTime? DueAt(TimerChange timer) => timer is TimerUpsert upsert ? PostgresDatabase.Utc(upsert.DueAt) : null;

    /// <summary>Periods are stored in whole milliseconds (the runtime truncates its times to milliseconds).</summary>
    internal static long? PeriodMilliseconds(TimerChange timer) =>
        timer is TimerUpsert { Period: { } period } ? period.Ticks / TimeSpan.TicksPerMillisecond : null;

    private static int StateKeyOrder(PlannedWrite a, PlannedWrite b)
    {
        var order = string.CompareOrdinal(a.Write.GrainId.Type, b.Write.GrainId.Type);
        if (order == 0) order = string.CompareOrdinal(a.Write.GrainId.Key, b.Write.GrainId.Key);
        return order != 0 ? order : string.CompareOrdinal(a.Write.State?.StateName, b.Write.State?.StateName);
    }

    private static int TimerKeyOrder(GrainId a, string aName, GrainId b, string bName)
    {
        var order = string.CompareOrdinal(a.Type, b.Type);
        if (order == 0) order = string.CompareOrdinal(a.Key, b.Key);
        return order != 0 ? order : string.CompareOrdinal(aName, bName);
    }
}
