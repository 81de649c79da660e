using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Lifecycle;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// Keeps the event tables small: every retention interval, for each partition this silo reads, deletes the events every
/// consumer group has handled that are older than <see cref="StreamOptions.Retention"/>.
/// </summary>
internal sealed class StreamRetentionService(
    StreamPullingService pulling, StreamSubscriptionRegistry registry, StreamServices services, TimeProvider time, IOptions<StreamOptions> options)
    : PeriodicSiloService(time)
{
    public override int Stage => SiloLifecycleStage.BackgroundWork;

    public override string Name => "stream retention";

    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override void RunOnce() => _ = ApplyAsync(CancellationToken.None);

    internal async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var cursors = new List<IReadOnlyDictionary<int, long>>();
            foreach (var group in registry.Current) cursors.Add(await services.Store.ReadCursorsAsync(group.Group, cancellationToken));
            var deleted = 0;
            foreach (var agent in pulling.Agents)
            {
                // Everything every group has handled (a group with no cursor yet has handled nothing).
                var handled = cursors.Count == 0 ? 0 : cursors.Min(c => c.GetValueOrDefault(agent.Partition));
                if (handled <= 0) continue;
                var count = await services.Store.DeleteDeliveredAsync(agent.Partition, handled, Time.GetUtcNow() - options.Value.Retention, cancellationToken);
                if (count > 0) StreamLog.RetentionDeleted(services.Logger, count, agent.Partition);
                deleted += count;
            }

            return deleted;
        }
        catch (Exception e)
        {
            StreamLog.PartitionFailed(services.Logger, e, -1);
            return 0;
        }
    }
}
