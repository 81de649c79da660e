namespace OrderCluster.Ml.Ets;

/// <summary>
/// The Gaussian likelihood of an ETS model concentrated over σ² (Hyndman et al. 2008, section 5.1):
/// −2 log L = n log(2πe·SSE/n) for additive errors, plus 2 Σ log|ŷ_t| with relative errors for multiplicative ones.
/// </summary>
internal static class EtsLikelihood
{
    /// <summary>-2 log-likelihood (concentrated over σ²) of running <paramref name="state"/> over y; leaves the final state.</summary>
    internal static double MinusTwoLogLikelihood(double[] y, EtsSpec spec, EtsParameters parameters, EtsState state, out double sse)
    {
        sse = 0.0;
        var sumLog = 0.0;
        var multiplicative = spec.Error == EtsError.Multiplicative;
        for (var t = 0; t < y.Length; t++)
        {
            var forecast = state.Step(spec, parameters, y[t]);
            if (multiplicative)
            {
                if (!(forecast > 0))
                {
                    return double.PositiveInfinity;
                }

                var e = (y[t] - forecast) / forecast;
                sse += e * e;
                sumLog += Math.Log(forecast);
            }
            else
            {
                var e = y[t] - forecast;
                sse += e * e;
            }
        }

        return Concentrated(y.Length, sse, sumLog);
    }

    /// <summary>
    /// The same likelihood as <see cref="MinusTwoLogLikelihood"/> in one tight loop over local variables, without
    /// touching a state object: the optimiser calls it hundreds of times per model.
    /// </summary>
    internal static double Fast(double[] y, EtsSpec spec, EtsParameters p, double level, double trend,
        double[] season0, double[] season)
    {
        Array.Copy(season0, season, season0.Length);
        var phi = spec.IsDamped ? p.Phi : 1;
        var hasTrend = spec.HasTrend;
        var seasonKind = spec.Season;
        var m = season.Length;
        var multiplicative = spec.Error == EtsError.Multiplicative;
        double alpha = p.Alpha, beta = p.Beta, gamma = p.Gamma;
        double sse = 0, sumLog = 0;
        var phase = 0;
        for (var t = 0; t < y.Length; t++)
        {
            var basis = level + phi * trend;
            double forecast, deseasonalised;
            var value = y[t];
            if (seasonKind == EtsSeason.None)
            {
                forecast = basis;
                deseasonalised = value;
            }
            else
            {
                var s = season[phase];
                if (seasonKind == EtsSeason.Additive)
                {
                    forecast = basis + s;
                    deseasonalised = value - s;
                    season[phase] = s + gamma * (value - basis - s);
                }
                else
                {
                    forecast = basis * s;
                    deseasonalised = value / s;
                    season[phase] = s + gamma * (value / basis - s);
                }

                phase = phase + 1 == m ? 0 : phase + 1;
            }

            if (multiplicative)
            {
                if (!(forecast > 0))
                {
                    return double.PositiveInfinity;
                }

                var e = (value - forecast) / forecast;
                sse += e * e;
                sumLog += Math.Log(forecast);
            }
            else
            {
                var e = value - forecast;
                sse += e * e;
            }

            var correction = deseasonalised - basis;
            level = basis + alpha * correction;
            if (hasTrend)
            {
                trend = phi * trend + beta * correction;
            }
        }

        return Concentrated(y.Length, sse, sumLog);
    }

    private static double Concentrated(int n, double sse, double sumLog)
    {
        var variance = Math.Max(sse / n, 1e-300);
        var value = n * (Math.Log(2 * Math.PI * variance) + 1) + 2 * sumLog;
        return double.IsFinite(value) ? value : double.PositiveInfinity;
    }
}
