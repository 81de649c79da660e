using OrderCluster.Ml.Auto;
using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Decomposition;
using OrderCluster.Ml.Ets;
using OrderCluster.Ml.Ssa;
using OrderCluster.Ml.Theta;

namespace OrderCluster.Ml.Cli.Commands;

/// <summary>The forecasting methods selectable with <c>--model</c> / <c>--models</c>.</summary>
internal static class ModelCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["auto", "ets", "ssa", "theta", "mstl", "snaive", "naive"];

    public static IForecaster Create(string name) => name.Trim().ToLowerInvariant() switch
    {
        "auto" => new AutoForecaster(),
        "ets" => new EtsForecaster(),
        "ssa" => new SsaForecaster(),
        "theta" => new ThetaForecaster(),
        "mstl" => new MstlForecaster(),
        "snaive" => new SeasonalNaiveForecaster(),
        "naive" => new NaiveForecaster(),
        _ => throw new ArgumentException($"unknown model '{name}'; known: {string.Join(", ", Names)}"),
    };
}
