using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Dashboard.Planner;

/// <summary>A forecast series the planner offers: its grain key, period (<c>hour</c>/<c>day</c>), dimension (empty: tenant total), label and measure.</summary>
public sealed record PlannerSeries(string Key, string Grain, string Dimension, string Label, string Measure);

/// <summary>A tenant's forecast series, and the KPI dimensions its orders produced (for the KPI charts' picker).</summary>
public sealed record PlannerSeriesList(string Tenant, IReadOnlyList<PlannerSeries> Series, IReadOnlyList<string> Dimensions);

/// <summary>One series as the planner draws it: the forecast grain's view (history, latest forecast, rolling accuracy, scored points).</summary>
public sealed record PlannerForecast(PlannerSeries Series, ForecastView View);

/// <summary>KPI cells of periods starting in [<see cref="From"/>, <see cref="To"/>) for one grain and dimension query.</summary>
public sealed record PlannerKpis(string Tenant, string Grain, string Dimension, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KpiPoint> Points);
