using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Streams;

/// <summary>The dashboard's view of the stream runtime: lag per group and partition with the silo pulling it, dead letters, re-drive.</summary>
internal sealed class StreamDiagnosticsSource(IStreamAdmin admin, IClusterView view) : IStreamDiagnostics
{
    public bool IsEnabled => true;

    public async Task<IReadOnlyList<StreamPartitionLag>> GetLagAsync(CancellationToken cancellationToken)
    {
        var ring = view.Ring;
        return (await admin.GetLagAsync(cancellationToken))
            .Select(l => new StreamPartitionLag(l.Group, l.Partition, l.Head, l.Cursor,
                ring.OwnerOf(StreamPullingService.PartitionGrain(l.Partition))?.ToString()))
            .ToList();
    }

    public Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken) =>
        admin.CountDeadLettersAsync(cancellationToken);

    public async Task<IReadOnlyList<StreamDeadLetter>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken) =>
        (await admin.ListDeadLettersAsync(group, limit, cancellationToken))
        .Select(d => new StreamDeadLetter(d.Id, d.Group, d.Stream.ToString(), d.Sequence, d.EventType, d.PayloadJson, d.CreatedAt,
            d.Error, d.Attempts, d.FailedAt))
        .ToList();

    public async Task<StreamRedriveOutcome> RedriveAsync(long deadLetterId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await admin.RedriveAsync(deadLetterId, cancellationToken);
            return new StreamRedriveOutcome(true, result.Delivered, result.Error);
        }
        catch (KeyNotFoundException)
        {
            return new StreamRedriveOutcome(false, false, null);
        }
        catch (InvalidOperationException failure)
        {
            return new StreamRedriveOutcome(true, false, failure.Message);
        }
    }
}
