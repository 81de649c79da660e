namespace OrderCluster.Ml.Ets;

/// <summary>Smoothing parameters of a fitted ETS model.</summary>
internal sealed record EtsParameters(double Alpha, double Beta, double Gamma, double Phi);

/// <summary>
/// The state vector of an ETS model — level, trend and one seasonal value per phase — and the one-step recursion
/// in error-correction form (Hyndman et al. 2008, table 2.3). The update of the states is the same for additive
/// and multiplicative errors; only the likelihood and the simulated error differ.
/// </summary>
internal sealed class EtsState
{
    public EtsState(double level, double trend, double[] season, int phase)
    {
        Level = level;
        Trend = trend;
        Season = season;
        Phase = phase;
    }

    public double Level { get; private set; }

    public double Trend { get; private set; }

    /// <summary>Seasonal values by phase (empty when non-seasonal).</summary>
    public double[] Season { get; }

    /// <summary>The phase of the next observation (index into <see cref="Season"/>).</summary>
    public int Phase { get; private set; }

    public EtsState Clone() => new(Level, Trend, (double[])Season.Clone(), Phase);

    /// <summary>Overwrites this state with <paramref name="other"/> (same seasonal length), without allocating.</summary>
    public void CopyFrom(EtsState other)
    {
        Level = other.Level;
        Trend = other.Trend;
        Phase = other.Phase;
        Array.Copy(other.Season, Season, Season.Length);
    }

    /// <summary>The one-step-ahead forecast from the current state.</summary>
    public double OneStep(EtsSpec spec, double phi) => Combine(spec, Level + phi * Trend, SeasonAt(spec, 0));

    /// <summary>The deterministic h-step forecast (h ≥ 1) from the current state.</summary>
    public double Ahead(EtsSpec spec, double phi, int h)
    {
        var trendSum = 0.0;
        if (spec.HasTrend)
        {
            var factor = 1.0;
            for (var j = 1; j <= h; j++)
            {
                factor *= phi;
                trendSum += spec.IsDamped ? factor : 1;
            }
        }

        return Combine(spec, Level + trendSum * Trend, SeasonAt(spec, h - 1));
    }

    /// <summary>Moves the state over observation <paramref name="y"/> (NaN = use the forecast); returns the forecast made for it.</summary>
    public double Step(EtsSpec spec, EtsParameters p, double y)
    {
        var phi = spec.IsDamped ? p.Phi : 1;
        var basis = Level + phi * Trend;
        var seasonal = SeasonAt(spec, 0);
        var forecast = Combine(spec, basis, seasonal);
        if (double.IsNaN(y))
        {
            y = forecast;
        }

        var deseasonalised = spec.Season switch
        {
            EtsSeason.Additive => y - seasonal,
            EtsSeason.Multiplicative => y / seasonal,
            _ => y,
        };

        Level = basis + p.Alpha * (deseasonalised - basis);
        if (spec.HasTrend)
        {
            Trend = phi * Trend + p.Beta * (deseasonalised - basis);
        }

        if (spec.HasSeason)
        {
            var observedSeason = spec.Season == EtsSeason.Additive ? y - basis : y / basis;
            Season[Phase] = seasonal + p.Gamma * (observedSeason - seasonal);
            Phase = (Phase + 1) % Season.Length;
        }

        return forecast;
    }

    private double SeasonAt(EtsSpec spec, int stepsAhead) => spec.Season switch
    {
        EtsSeason.None => 0,
        _ => Season[(Phase + stepsAhead) % Season.Length],
    };

    private static double Combine(EtsSpec spec, double basis, double seasonal) => spec.Season switch
    {
        EtsSeason.Additive => basis + seasonal,
        EtsSeason.Multiplicative => basis * seasonal,
        _ => basis,
    };
}
