using OrderCluster.GrainInterfaces.Common;
using OrderCluster.Runtime;

namespace OrderCluster.Silo.Demo;

/// <summary>
/// The live order stream: orders arrive as a Poisson process whose rate follows <see cref="DemoDemandProfile"/> (hour of day,
/// day of week, trend), each created through the HTTP API, then moved on by <see cref="DemoOrderFlow"/> one step every
/// <see cref="DemoOptions.StepDelay"/>. One loop does both, so the demo adds at most one call at a time to the silo.
/// Orders in flight are held in memory: after a restart the stream goes on with new orders, and older ones stay where they were.
/// </summary>
internal sealed class DemoOrderStream(
    DemoApiClient api, DemoOrderFlow flow, DemoSeeder seeder, TimeProvider time, ILogger<DemoOrderStream> logger)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CatchUpGap = TimeSpan.FromMilliseconds(100);
    private const int RestockEvery = 50;

    private readonly PriorityQueue<DemoOrder, DateTimeOffset> _inFlight = new();
    private long _created, _delivered, _shipped, _returned, _cancelled, _rejected, _failed;
    private TimeSpan _stepDelay;

    /// <param name="anchor">When the rate is <see cref="DemoOptions.OrdersPerHour"/>: the trend grows from there.</param>
    /// <param name="catchUp">Whether to first create the orders the current hour would have had so far (a first start).</param>
    public async Task RunAsync(string tenant, string apiKey, DemoOptions options, DateTimeOffset anchor, bool catchUp, Random random,
        CancellationToken cancellationToken)
    {
        _stepDelay = options.StepDelay;
        var now = time.GetUtcNow();
        var pending = catchUp ? CatchUpCount(options, anchor, now, random) : 0;
        DemoLog.StreamStarted(logger, tenant, DemoDemandProfile.ExpectedPerHour(options.OrdersPerHour, anchor, now), pending);

        var nextOrder = now;
        var nextProgress = now + ProgressEvery;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                now = time.GetUtcNow();
                if (_inFlight.TryPeek(out var due, out var dueAt) && dueAt <= now)
                {
                    _inFlight.Dequeue();
                    await AdvanceAsync(tenant, due, now, random);
                    continue;
                }

                if (nextOrder <= now)
                {
                    await CreateAsync(tenant, apiKey, random, now, cancellationToken);
                    if (_created % RestockEvery == 0) await seeder.RestockAsync(tenant, cancellationToken);
                    nextOrder = pending-- > 0
                        ? now + CatchUpGap
                        : now + TimeSpan.FromSeconds(DemoDemandProfile.NextGapSeconds(random, DemoDemandProfile.ExpectedPerHour(options.OrdersPerHour, anchor, now)));
                    continue;
                }

                if (nextProgress <= now)
                {
                    DemoLog.Progress(logger, tenant, _created, _delivered, _shipped, _returned, _cancelled, _rejected, _failed, _inFlight.Count);
                    nextProgress = now + ProgressEvery;
                }

                var wake = _inFlight.TryPeek(out _, out var stepAt) && stepAt < nextOrder ? stepAt : nextOrder;
                if (nextProgress < wake) wake = nextProgress;
                await Task.Delay(wake - now, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }

        DemoLog.Stopped(logger, tenant, _created);
    }

    /// <summary>The orders the current hour would have had by now, so its KPI cell is not a stub.</summary>
    private static int CatchUpCount(DemoOptions options, DateTimeOffset anchor, DateTimeOffset now, Random random)
    {
        var hourStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var fraction = (now - hourStart) / TimeSpan.FromHours(1);
        return Math.Min(600, DemoDemandProfile.Poisson(random, DemoDemandProfile.ExpectedPerHour(options.OrdersPerHour, anchor, now) * fraction));
    }

    private async Task CreateAsync(string tenant, string apiKey, Random random, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = DemoOrderFactory.Next(random);
        try
        {
            var (orderId, refusal) = await api.CreateOrderAsync(apiKey, plan.Request, $"demo-{Guid.CreateVersion7():N}", cancellationToken);
            if (orderId is null)
            {
                DemoLog.CreateFailed(logger, null, tenant, refusal ?? "no order id");
                return;
            }

            _created++;
            _inFlight.Enqueue(new DemoOrder(orderId, plan.Fate), now + Jittered(_stepDelay, random));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            DemoLog.CreateFailed(logger, e, tenant, e.Message);
        }
    }

    private async Task AdvanceAsync(string tenant, DemoOrder order, DateTimeOffset now, Random random)
    {
        var step = DemoOrderFlow.NameOf(order);
        try
        {
            if (await flow.AdvanceAsync(tenant, order))
            {
                _inFlight.Enqueue(order, now + Jittered(_stepDelay, random));
                return;
            }

            switch (order.Fate)
            {
                case DemoFate.Cancelled: _cancelled++; break;
                case DemoFate.Rejected: _rejected++; break;
                case DemoFate.Shipped: _shipped++; break;
                case DemoFate.Returned: _returned++; break;
                default: _delivered++; break;
            }
        }
        catch (DomainException e)
        {
            _failed++;
            DemoLog.StepRefused(logger, tenant, order.OrderId, step, e.Error.Code);
        }
        catch (Exception e) when (e is TimeoutException or GrainCallOutcomeUnknownException or SiloUnavailableException or InconsistentStateException)
        {
            _failed++;
            DemoLog.StepFailed(logger, e, tenant, order.OrderId, step);
        }
    }

    /// <summary>Half to one and a half times <paramref name="delay"/>, so steps of orders made together spread out.</summary>
    private static TimeSpan Jittered(TimeSpan delay, Random random) => delay * (0.5 + random.NextDouble());
}
