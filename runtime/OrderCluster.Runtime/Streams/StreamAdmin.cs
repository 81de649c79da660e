using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Streams;

/// <summary>Operating streams: groups, lag, dead letters (list, re-drive, discard), replay, explicit subscriptions.</summary>
internal sealed class StreamAdmin(StreamSubscriptionRegistry registry, StreamServices services, StreamAppender appender) : IStreamAdmin
{
    public async Task<IReadOnlyList<StreamGroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default)
    {
        await registry.RefreshAsync(force: true, cancellationToken);
        return registry.Current.Select(s => new StreamGroupInfo(s.Group, s.IsImplicit ? "implicit" : "explicit", s.Namespace, s.StreamKey,
            s.ConsumerDescription)).ToList();
    }

    public async Task<IReadOnlyList<StreamLag>> GetLagAsync(CancellationToken cancellationToken = default)
    {
        await registry.RefreshAsync(force: true, cancellationToken);
        var heads = await services.Store.ReadHeadsAsync(cancellationToken);
        var lag = new List<StreamLag>();
        foreach (var group in registry.Current)
        {
            var cursors = await services.Store.ReadCursorsAsync(group.Group, cancellationToken);
            for (var p = 0; p < appender.Partitions; p++)
                lag.Add(new StreamLag(group.Group, p, heads.GetValueOrDefault(p), cursors.GetValueOrDefault(p)));
        }

        return lag;
    }

    public Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken = default) =>
        services.Store.CountDeadLettersAsync(cancellationToken);

    public async Task<IReadOnlyList<DeadLetterInfo>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken = default) =>
        (await services.Store.ListDeadLettersAsync(group, Math.Clamp(limit, 1, 1000), cancellationToken)).Select(Info).ToList();

    public async Task<RedriveResult> RedriveAsync(long deadLetterId, CancellationToken cancellationToken = default)
    {
        var deadLetter = await services.Store.GetDeadLetterAsync(deadLetterId, cancellationToken)
                         ?? throw new KeyNotFoundException($"There is no dead letter {deadLetterId}.");
        await registry.RefreshAsync(force: true, cancellationToken);
        var subscription = registry.Find(deadLetter.Group)
                           ?? throw new InvalidOperationException($"Consumer group '{deadLetter.Group}' no longer exists; discard the dead letter instead.");
        var e = deadLetter.Event;
        try
        {
            await services.Deliver(deadLetter.Group, subscription.Target(e.Stream),
                [new StreamEvent(e.Stream, e.Sequence, e.EventType, e.PayloadJson, e.CreatedAt)]);
        }
        catch (Exception failure)
        {
            return new RedriveResult(false, $"{failure.GetType().Name}: {failure.Message}");
        }

        await services.Store.DeleteDeadLetterAsync(deadLetterId, cancellationToken);
        return new RedriveResult(true, null);
    }

    public Task<bool> DiscardAsync(long deadLetterId, CancellationToken cancellationToken = default) =>
        services.Store.DeleteDeadLetterAsync(deadLetterId, cancellationToken);

    public async Task ResetGroupAsync(string group, StreamReset reset, CancellationToken cancellationToken = default)
    {
        await registry.RefreshAsync(force: true, cancellationToken);
        if (registry.Find(group) is null) throw new KeyNotFoundException($"There is no consumer group '{group}'.");
        Dictionary<int, long> positions;
        if (reset.Stream is { } stream)
        {
            var sequence = reset.FromSequence ?? 1;
            var found = await services.Store.FindAsync(stream, sequence, cancellationToken)
                        ?? throw new KeyNotFoundException($"Event {sequence} of {stream} is not stored (never appended, or removed by retention).");
            positions = new() { [found.Partition] = found.Position - 1 };
        }
        else if (reset.FromTime is { } time)
        {
            var before = await services.Store.PositionsBeforeAsync(time, cancellationToken);
            positions = Enumerable.Range(0, appender.Partitions).ToDictionary(p => p, p => before.GetValueOrDefault(p));
        }
        else
        {
            positions = Enumerable.Range(0, appender.Partitions).ToDictionary(p => p, _ => 0L);
        }

        await services.Grains.GetGrain<IStreamGroupControlGrain>(group).ResetAsync(positions);
        foreach (var partition in positions.Keys) services.Wake(partition);
    }

    public async Task SubscribeAsync(string id, string streamNamespace, string? streamKey, GrainId consumer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamNamespace);
        if (id.StartsWith("implicit:", StringComparison.Ordinal)) throw new ArgumentException("'implicit:' names implicit subscriptions.", nameof(id));
        await services.Store.SaveSubscriptionAsync(new StreamSubscriptionRecord(id, streamNamespace, streamKey, consumer, services.Time.GetUtcNow()), cancellationToken);
        await registry.RefreshAsync(force: true, cancellationToken);
    }

    public async Task<bool> UnsubscribeAsync(string id, CancellationToken cancellationToken = default)
    {
        var removed = await services.Store.DeleteSubscriptionAsync(id, cancellationToken);
        await registry.RefreshAsync(force: true, cancellationToken);
        return removed;
    }

    private static DeadLetterInfo Info(DeadLetter d) => new(d.Id, d.Group, d.Event.Stream, d.Event.Sequence, d.Event.EventType,
        d.Event.PayloadJson, d.Event.CreatedAt, d.Error, d.Attempts, d.FailedAt);
}
