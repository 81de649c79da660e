using Microsoft.Extensions.DependencyInjection;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.Grains.Forecasting;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;

namespace OrderCluster.Grains.Tests.Forecasting;

/// <summary>
/// Forecast grains keep every forecast, score it when the actuals arrive and report rolling sMAPE and MASE: checked against
/// errors computed by hand for a naive model (its forecast is the last value, so every number below is known in advance).
/// </summary>
public abstract class ForecastAccuracyTests : DomainStorageTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        var previous = options.ConfigureServices;
        options.ConfigureServices = services =>
        {
            previous?.Invoke(services);
            services.Configure<ForecastingOptions>(o =>
            {
                o.AutoStart = false;
                o.Model = "naive";
                o.DailyHorizon = 2;
                o.RefitInterval = TimeSpan.FromDays(365); // the clock stands still: one fit, then updates
            });
        };
    }

    [Fact]
    public async Task Errors_and_rolling_smape_and_mase_equal_the_hand_computed_values()
    {
        var series = Grains.GetGrain<IForecastGrain>("acme/day/total");

        await series.ObserveAsync(Days(0, 10, 12, 9, 14, 11, 13, 10, 15)); // days 1–8; naive forecasts 15, 15
        await series.ObserveAsync(Days(8, 18));                              // day 9; forecasts 18, 18
        await series.ObserveAsync(Days(9, 12));                              // day 10; forecasts 12, 12
        var view = await series.GetAsync(historyPeriods: 100);

        // scored: day 9 by the forecast from day 8 (h1: 15 vs 18); day 10 from day 8 (h2: 15 vs 12) and from day 9 (h1: 18 vs 12)
        Assert.Equal(
            [(Day(9), 1, 15.0, 18.0), (Day(10), 2, 15.0, 12.0), (Day(10), 1, 18.0, 12.0)],
            view.RecentScores.Select(s => (s.PeriodStart, s.Horizon, Math.Round(s.Forecast, 9), s.Actual)).ToList());
        // sMAPE = 200/3 · (3/33 + 3/27 + 6/30) = 200/3 · 199/495
        Assert.Equal(200.0 / 3 * 199 / 495, view.Accuracy.SMape!.Value, 9);
        // MASE = MAE 4 / mean |Y_t − Y_{t−7}| of the 10 observed days ((15−10) + (18−12) + |12−9|) / 3 = 14/3
        Assert.Equal(4 / (14.0 / 3), view.Accuracy.Mase!.Value, 9);
        Assert.Equal((3, 7), (view.Accuracy.ScoredPoints, view.Accuracy.SeasonalPeriod));
    }

    [Fact]
    public async Task Every_forecast_is_kept_with_its_origin_and_interval()
    {
        var series = Grains.GetGrain<IForecastGrain>("acme/day/sku:SKU-1");

        await series.ObserveAsync(Days(0, 4, 6, 5));
        await series.ObserveAsync(Days(3, 7));
        await series.ObserveAsync(Days(3, 9)); // day 4 again: ignored
        await series.ObserveAsync(Days(4, 3));

        var forecasts = await series.GetForecastsAsync(100);
        Assert.Equal([Day(3), Day(4), Day(5)], forecasts.Select(f => f.Origin).ToList());
        Assert.Equal([5.0, 7.0, 3.0], forecasts.Select(f => Math.Round(f.Points[0].Point, 9)).ToList());
        Assert.All(forecasts, f => Assert.Equal([f.Origin.AddDays(1), f.Origin.AddDays(2)], f.Points.Select(p => p.PeriodStart).ToList()));
        Assert.All(forecasts.SelectMany(f => f.Points), p => Assert.True(p.Lower <= p.Point && p.Point <= p.Upper, $"{p} brackets its point"));
        Assert.Equal([4.0, 6, 5, 7, 3], (await series.GetAsync(10)).History.Select(h => h.Value).ToList());
    }

    protected static DateTimeOffset Day(int n) => Day1.AddDays(n - 1);

    /// <summary>Observations of consecutive days, the first being day <paramref name="after"/> + 1.</summary>
    protected static ImmutableArray<Observation> Days(int after, params double[] values) =>
        [.. values.Select((v, i) => new Observation(Day1.AddDays(after + i), v))];
}

public sealed class MemoryForecastAccuracyTests : ForecastAccuracyTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

/// <summary>On the durable providers: the model is not stored, so a new activation refits from the stored history and goes on scoring.</summary>
public abstract class DurableForecastTests : ForecastAccuracyTests
{
    [Fact]
    public async Task The_state_survives_reactivation_and_scoring_continues()
    {
        var series = Grains.GetGrain<IForecastGrain>("acme/day/channel:online");
        await series.ObserveAsync(Days(0, 10, 20, 30));

        await RestartSiloAsync();
        series = Grains.GetGrain<IForecastGrain>("acme/day/channel:online");
        await series.ObserveAsync(Days(3, 40));

        var view = await series.GetAsync(10);
        var scored = Assert.Single(view.RecentScores);
        Assert.Equal((Day(4), 30.0, 40.0), (scored.PeriodStart, Math.Round(scored.Forecast, 9), scored.Actual));
        Assert.Equal(200.0 * 10 / 70, view.Accuracy.SMape!.Value, 9);
        Assert.Equal(2, view.ForecastsKept);
    }
}

public sealed class SqliteForecastAccuracyTests(SqliteDatabaseFixture sqlite) : DurableForecastTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresForecastAccuracyTests : DurableForecastTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
