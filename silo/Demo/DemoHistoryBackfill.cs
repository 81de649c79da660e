using System.Collections.Immutable;
using OrderCluster.Runtime;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Silo.Demo;

/// <summary>
/// Gives the demo tenant's forecast series weeks of past demand, so a forecast is there within seconds rather than after
/// days of live orders. Orders cannot be backdated (an order's time is the silo's clock when it is created, and the KPI
/// cells count it in that period), so the history goes where the forecast grains take observations from outside:
/// <see cref="IForecastGrain.ObserveAsync"/>. The KPIs therefore show live orders only; the forecast's history (and its
/// chart) shows the generated past followed by the live periods its timer pulls from the KPIs.
/// <para>
/// Hourly orders follow <see cref="DemoDemandProfile"/>, with the same trend the live stream continues; each generated order
/// gets a channel and lines as live ones do, so the per-channel and per-SKU daily series agree with the totals. A series
/// that already has history is left alone, so a restart never adds history twice.
/// </para>
/// </summary>
internal sealed class DemoHistoryBackfill(IGrainFactory grains, ILogger<DemoHistoryBackfill> logger)
{
    /// <summary>Backfills the series that have no history; true when any had none (a first start). A restart generates nothing.</summary>
    public async Task<bool> BackfillAsync(string tenant, DemoOptions options, DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        var keys = new[] { new SeriesId(tenant, TimeGrain.Hour, "").Key }
            .Concat(Dimensions().Select(d => new SeriesId(tenant, TimeGrain.Day, d).Key)).ToList();
        var empty = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
            if ((await grains.GetGrain<IForecastGrain>(key).GetAsync(1)).History.IsEmpty) empty.Add(key);
        if (empty.Count == 0)
        {
            DemoLog.Backfilled(logger, tenant, 0, 0, 0, 0, keys.Count);
            return false; // a restart: generate nothing
        }

        var currentHour = TimeGrain.Hour.PeriodOf(now);
        var today = TimeGrain.Day.PeriodOf(now);
        var hours = options.BackfillDays * 24;
        var firstHour = currentHour - TimeSpan.FromHours(hours);

        var hourly = new List<Observation>(hours);
        var daily = new SortedDictionary<DateTimeOffset, Dictionary<string, double>>();
        var orders = 0;
        for (var hour = firstHour; hour < currentHour; hour += TimeSpan.FromHours(1))
        {
            var count = DemoDemandProfile.SampleHour(random, DemoDemandProfile.ExpectedPerHour(options.OrdersPerHour, now, hour));
            hourly.Add(new Observation(hour, count));
            orders += count;
            var day = TimeGrain.Day.PeriodOf(hour);
            if (day < TimeGrain.Day.PeriodOf(firstHour + TimeSpan.FromHours(23)) || day >= today) continue; // whole past days only
            if (!daily.TryGetValue(day, out var cells)) daily[day] = cells = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++) AddOrder(cells, random);
        }

        var series = new Dictionary<string, ImmutableArray<Observation>>(StringComparer.Ordinal)
        {
            [new SeriesId(tenant, TimeGrain.Hour, "").Key] = [.. hourly],
        };
        foreach (var dimension in Dimensions())
            series[new SeriesId(tenant, TimeGrain.Day, dimension).Key] = [.. daily.Select(d => new Observation(d.Key, d.Value.GetValueOrDefault(dimension)))];

        foreach (var key in empty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var forecast = grains.GetGrain<IForecastGrain>(key);
            if (series[key] is { IsEmpty: false } observations) await forecast.ObserveAsync(observations);
            await forecast.EnsureStartedAsync();
        }

        DemoLog.Backfilled(logger, tenant, empty.Count, hours, daily.Count, orders, keys.Count - empty.Count);
        return true;
    }

    /// <summary>The daily series analytics starts for a tenant: total and per channel (orders), per SKU (units).</summary>
    private static IEnumerable<string> Dimensions() =>
        new[] { "" }
            .Concat(DemoCatalog.Channels.Select(c => $"channel:{ChannelName(c.Channel.Kind)}"))
            .Concat(DemoCatalog.Products.Select(p => $"sku:{p.Sku}"));

    private static void AddOrder(Dictionary<string, double> cells, Random random)
    {
        cells[""] = cells.GetValueOrDefault("") + 1;
        var plan = DemoOrderFactory.Next(random);
        var channel = $"channel:{ChannelName(plan.Request.Channel.Kind)}";
        cells[channel] = cells.GetValueOrDefault(channel) + 1;
        foreach (var line in plan.Request.Lines)
            cells[$"sku:{line.Sku}"] = cells.GetValueOrDefault($"sku:{line.Sku}") + line.Quantity;
    }

    /// <summary>As the analytics grains name channels (<c>in-store</c>, otherwise the kind in lower case).</summary>
    private static string ChannelName(ChannelKind kind) => kind == ChannelKind.InStore ? "in-store" : kind.ToString().ToLowerInvariant();
}
