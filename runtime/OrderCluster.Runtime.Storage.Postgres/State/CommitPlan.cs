namespace OrderCluster.Runtime.Storage.Postgres.State;

/// <summary>
/// Splits a batch into rounds so that one SQL statement never touches a row twice. Writes in input order touch state
/// keys (grain, state name) and timer keys (grain, timer name); a write goes one round after the last earlier write
/// that shares any key with it. Distinct keys commute, so running the rounds in order gives exactly the result of
/// applying the writes one by one, as the in-memory reference store does. Nearly every batch is one round.
/// A write with stream events also goes no earlier than the round of the last earlier write with events: each round
/// appends its events in input order, so rounds in order append every event of the batch in input order (the order
/// that decides the sequence numbers).
/// </summary>
internal sealed class CommitPlan
{
    private CommitPlan(IReadOnlyList<PlannedWrite> writes, int roundCount)
    {
        Writes = writes;
        Rounds = Enumerable.Range(0, roundCount)
            .Select(round => (IReadOnlyList<PlannedWrite>)writes.Where(w => w.Round == round).ToList())
            .ToList();
    }

    /// <summary>Every write, in input order.</summary>
    public IReadOnlyList<PlannedWrite> Writes { get; }

    /// <summary>The writes of each round; within a round no two writes share a key.</summary>
    public IReadOnlyList<IReadOnlyList<PlannedWrite>> Rounds { get; }

    public static CommitPlan Create(IReadOnlyList<GrainWrite> writes)
    {
        var lastStateRound = new Dictionary<(GrainId, string), int>();
        var lastTimerRound = new Dictionary<(GrainId, string), int>();
        var planned = new List<PlannedWrite>(writes.Count);
        var roundCount = 0;
        var lastEventRound = 0;
        var eventCount = 0;

        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i] ?? throw new ArgumentException($"Write {i} of the batch is null.", nameof(writes));
            if (write.GrainId.IsDefault) throw new ArgumentException($"Write {i} of the batch has no grain id.", nameof(writes));
            var timers = Collapse(write.Timers);
            var events = write.Events ?? [];
            for (var e = 0; e < events.Count; e++) Validate(events[e], i, e);

            var round = events.Count > 0 ? lastEventRound : 0;
            if (write.State is { } state && lastStateRound.TryGetValue((write.GrainId, state.StateName), out var stateRound))
                round = stateRound + 1;
            foreach (var timer in timers)
                if (lastTimerRound.TryGetValue((write.GrainId, timer.Name), out var timerRound))
                    round = Math.Max(round, timerRound + 1);

            if (write.State is { } changed) lastStateRound[(write.GrainId, changed.StateName)] = round;
            foreach (var timer in timers) lastTimerRound[(write.GrainId, timer.Name)] = round;
            if (events.Count > 0) lastEventRound = round;
            eventCount += events.Count;
            planned.Add(new PlannedWrite(i, round, write, timers, events));
            roundCount = Math.Max(roundCount, round + 1);
        }

        return new CommitPlan(planned, roundCount) { EventCount = eventCount };
    }

    /// <summary>How many stream events the batch appends if every write commits.</summary>
    public int EventCount { get; private init; }

    /// <summary>Refuses an event the tables cannot hold before anything is sent (the whole batch would fail there).</summary>
    private static void Validate(StreamAppend? e, int write, int index)
    {
        if (e is null || e.Stream.Namespace is null || e.Stream.Key is null || e.EventType is null || e.PayloadJson is null || e.Partition < 0)
            throw new ArgumentException($"Event {index} of write {write} of the batch lacks a stream, type or payload, or has a negative partition.", "writes");
    }

    /// <summary>
    /// Several changes to one timer in one write: the last one decides (applied one by one they would end the same,
    /// only with versions skipped).
    /// </summary>
    private static IReadOnlyList<TimerChange> Collapse(IReadOnlyList<TimerChange>? timers)
    {
        if (timers is null || timers.Count == 0) return [];
        if (timers.Count == 1) return timers;
        var last = new Dictionary<string, TimerChange>(StringComparer.Ordinal);
        foreach (var timer in timers) last[timer.Name] = timer;
        return last.Values.ToList();
    }
}

/// <summary>A write of the batch with its input position, its round, its timer changes (one per timer name) and its events.</summary>
internal sealed record PlannedWrite(int Index, int Round, GrainWrite Write, IReadOnlyList<TimerChange> Timers, IReadOnlyList<StreamAppend> Events);
