namespace OrderCluster.Ml.Ets;

/// <summary>How the error enters an ETS model (Hyndman, Koehler, Ord &amp; Snyder 2008).</summary>
public enum EtsError
{
    /// <summary>y = forecast + ε.</summary>
    Additive,

    /// <summary>y = forecast × (1 + ε); needs positive data.</summary>
    Multiplicative,
}

/// <summary>The trend component of an ETS model.</summary>
public enum EtsTrend
{
    /// <summary>No trend.</summary>
    None,

    /// <summary>A linear (additive) trend.</summary>
    Additive,

    /// <summary>An additive trend damped by φ in [0.8, 0.98] (Gardner &amp; McKenzie 1985).</summary>
    AdditiveDamped,
}

/// <summary>The seasonal component of an ETS model.</summary>
public enum EtsSeason
{
    /// <summary>No seasonality.</summary>
    None,

    /// <summary>Seasonal effects added to the level.</summary>
    Additive,

    /// <summary>Seasonal factors multiplying the level; needs positive data.</summary>
    Multiplicative,
}

/// <summary>An ETS model class, written ETS(error, trend, season) as in Hyndman et al. (2008), e.g. ETS(M,Ad,M).</summary>
public readonly record struct EtsSpec(EtsError Error, EtsTrend Trend, EtsSeason Season)
{
    /// <summary>True for the linear models with analytic prediction intervals (additive error and components).</summary>
    internal bool IsLinear => Error == EtsError.Additive && Season != EtsSeason.Multiplicative;

    internal bool HasTrend => Trend != EtsTrend.None;

    internal bool IsDamped => Trend == EtsTrend.AdditiveDamped;

    internal bool HasSeason => Season != EtsSeason.None;

    /// <summary>The short form, e.g. <c>ETS(A,Ad,N)</c>.</summary>
    public override string ToString()
    {
        var error = Error == EtsError.Additive ? "A" : "M";
        var trend = Trend switch { EtsTrend.None => "N", EtsTrend.Additive => "A", _ => "Ad" };
        var season = Season switch { EtsSeason.None => "N", EtsSeason.Additive => "A", _ => "M" };
        return $"ETS({error},{trend},{season})";
    }
}
