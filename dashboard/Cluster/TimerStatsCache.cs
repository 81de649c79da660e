using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Dashboard.Cluster;

/// <summary>
/// The timer store's pending count and next due time, read at most every <see cref="DashboardOptions.TimerStatsInterval"/> and only
/// while someone watches (a count over the timer table is not free). Reads never wait for the store: they get the last figures.
/// </summary>
internal sealed class TimerStatsCache(GrainDiagnostics grains, TimeProvider time, IOptions<DashboardOptions> options)
{
    private readonly TimeSpan _interval = options.Value.TimerStatsInterval;
    private (DurableTimerStats Stats, DateTimeOffset At)? _last;
    private Task? _refreshing;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public (DurableTimerStats Stats, DateTimeOffset At)? Current()
    {
        var now = time.GetUtcNow();
        if (now - _lastAttempt >= _interval && _refreshing is null or { IsCompleted: true })
        {
            _lastAttempt = now;
            _refreshing = RefreshAsync();
        }

        return _last;
    }

    private async Task RefreshAsync()
    {
        try
        {
            var stats = await grains.GetTimerStatsAsync(CancellationToken.None);
            _last = (stats, time.GetUtcNow());
        }
        catch (Exception)
        {
            // The store is down or busy: keep the last figures; the storage page shows the errors.
        }
    }

    /// <summary>Waits for the refresh in progress (tests).</summary>
    public Task WhenRefreshed() => _refreshing ?? Task.CompletedTask;
}
