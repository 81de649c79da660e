using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Decomposition;
using OrderCluster.Ml.Ets;
using OrderCluster.Ml.Numerics;
using OrderCluster.Ml.Preprocessing;
using OrderCluster.Ml.Ssa;
using OrderCluster.Ml.Theta;

namespace OrderCluster.Ml.Auto;

/// <summary>
/// Chooses and combines methods per series by rolling-origin backtest on the training data only (the idea of
/// forecast-model selection by cross-validation, Tashman 2000; combination by inverse error, Bates &amp; Granger 1969).
/// Each candidate is fitted once on the data before the first backtest origin, then moved through the later
/// origins with <see cref="ForecastModel.Update"/> (parameters fixed, as in statsforecast's cross-validation without
/// refit); the mean absolute error of its forecasts on the original scale scores it. The best candidates are
/// refitted on all data and averaged with weights proportional to 1 / error² (inverse error variance, as Bates &amp;
/// Granger). A constant series (or one with fewer than three observations) is forecast by the naive method; a series
/// too short to backtest uses Theta.
/// </summary>
public sealed class AutoForecaster(AutoForecasterOptions? autoOptions = null) : IForecaster
{
    private readonly AutoForecasterOptions _options = autoOptions ?? new AutoForecasterOptions();

    /// <inheritdoc />
    public string Name => "Auto";

    /// <summary>The default candidates: seasonal naive, Theta, ETS, SSA, MSTL + ETS.</summary>
    public static IReadOnlyList<IForecaster> DefaultCandidates() =>
        [new SeasonalNaiveForecaster(), new ThetaForecaster(), new EtsForecaster(), new SsaForecaster(), new MstlForecaster()];

    /// <inheritdoc />
    public ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options)
    {
        _options.Validate();
        var prepared = SeriesPipeline.Prepare(series, options);
        var y = prepared.Values;
        if (y.Length < 3 || Stats.IsConstant(y))
        {
            return SeriesPipeline.Complete(new SeasonalNaiveModel(y, 1, "Naive"), prepared);
        }

        var candidates = (_options.Candidates ?? DefaultCandidates()).Cast<IPreparedForecaster>().ToArray();
        var errors = BacktestErrors(prepared, candidates, options);
        var ranked = Enumerable.Range(0, candidates.Length)
            .Where(i => double.IsFinite(errors[i]))
            .OrderBy(i => errors[i])
            .ToList();
        if (ranked.Count == 0)
        {
            IPreparedForecaster fallback = new ThetaForecaster();
            return SeriesPipeline.Complete(fallback.FitPrepared(prepared, options), prepared);
        }

        var take = _options.Method == CombinationMethod.SelectBest || errors[ranked[0]] == 0 ? 1 : _options.TopModels;
        var models = new List<ForecastModel>();
        var weights = new List<double>();
        foreach (var i in ranked)
        {
            if (models.Count == take)
            {
                break;
            }

            try
            {
                models.Add(candidates[i].FitPrepared(prepared, options));
                weights.Add(1 / (errors[i] * errors[i])); // inverse squared error: the best model dominates clearly better ones
            }
            catch (ArgumentException)
            {
                // A candidate that fitted on the backtest prefix but not on all data is skipped.
            }
        }

        if (models.Count == 0)
        {
            IPreparedForecaster fallback = new ThetaForecaster();
            return SeriesPipeline.Complete(fallback.FitPrepared(prepared, options), prepared);
        }

        var total = weights.Sum();
        var combination = new CombinationModel([.. models], weights.Select(w => w / total).ToArray());
        return SeriesPipeline.Complete(combination, prepared);
    }

    /// <summary>Mean absolute error per candidate over the backtest origins (NaN when it cannot be fitted or no backtest fits the data).</summary>
    private double[] BacktestErrors(PreparedSeries prepared, IPreparedForecaster[] candidates, ForecastOptions options)
    {
        var errors = new double[candidates.Length];
        Array.Fill(errors, double.NaN);
        var y = prepared.Values;
        var n = y.Length;
        var horizon = options.EffectiveHorizon;
        var step = _options.BacktestStep > 0 ? _options.BacktestStep : Math.Max(1, horizon / 2);
        var minimumTraining = Math.Max(10, 2 * prepared.Periods.DefaultIfEmpty(1).Min());
        var origins = _options.BacktestOrigins;
        while (origins > 0 && n - horizon - (origins - 1) * step < minimumTraining)
        {
            origins--;
        }

        if (origins == 0)
        {
            horizon = n - minimumTraining;
            origins = 1;
            if (horizon < 1)
            {
                return errors;
            }
        }

        var first = n - horizon - (origins - 1) * step;
        var prefix = prepared with
        {
            Values = y[..first],
            Original = prepared.Original[..first],
            Periods = prepared.Periods.Where(p => 2 * p <= first).ToArray(),
            TrailingMissing = 0,
        };
        var forecast = new double[horizon];
        for (var c = 0; c < candidates.Length; c++)
        {
            ForecastModel model;
            try
            {
                model = candidates[c].FitPrepared(prefix, options);
            }
            catch (ArgumentException)
            {
                continue;
            }

            var sum = 0.0;
            var position = first;
            for (var j = 0; j < origins; j++)
            {
                var origin = first + j * step;
                for (; position < origin; position++)
                {
                    model.UpdateCore(y[position]);
                }

                model.PointInto(forecast);
                for (var h = 0; h < horizon; h++)
                {
                    var value = prepared.Transform?.Inverse(forecast[h]) ?? forecast[h];
                    sum += Math.Abs(prepared.Original[origin + h] - value);
                }
            }

            var error = sum / (origins * horizon);
            errors[c] = double.IsFinite(error) ? error : double.NaN;
        }

        return errors;
    }
}
