namespace OrderCluster.Silo.Demo;

/// <summary>
/// The shape of demo demand: an hour-of-day profile, a day-of-week profile and an exponential trend, scaled to
/// <see cref="DemoOptions.OrdersPerHour"/>. The coefficients were derived once (2026-11-22) from the real series in the
/// development data set (<c>../shared/data</c>, not part of this repository), so a clean clone needs no data files:
/// <list type="bullet">
/// <item><c>taxi-orders-10min.csv</c> (taxi orders per 10 minutes, 2018-03-01 to 2018-08-31): summed per hour and day; a
/// log-linear fit of the daily totals gives the trend (+0.52 % a day, +3.7 % a week); the hour-of-day and day-of-week profiles
/// are the mean detrended hourly and daily volumes, normalised to a mean of 1. Hourly volumes scatter around
/// trend × hour × weekday with a coefficient of variation of 0.34.</item>
/// <item><c>online-retail-top30-daily.csv</c> was considered for the weekly shape but has no Saturdays (the shop was closed),
/// so the taxi weekly profile is used; its trend (+0.17 % a day) is a slower alternative.</item>
/// </list>
/// </summary>
internal static class DemoDemandProfile
{
    /// <summary>Relative volume per UTC hour of day (mean 1).</summary>
    public static readonly double[] HourOfDay =
    [
        1.735, 1.258, 1.281, 1.190, 0.964, 0.474, 0.274, 0.338, 0.874, 1.043, 1.106, 0.999,
        0.779, 0.848, 0.894, 1.057, 1.357, 1.059, 0.855, 0.930, 1.006, 1.145, 1.214, 1.317,
    ];

    /// <summary>Relative volume per day of week, Monday first (mean 1).</summary>
    public static readonly double[] DayOfWeek = [1.067, 0.902, 0.979, 1.021, 1.078, 1.007, 0.945];

    /// <summary>Growth per day of the log-linear trend.</summary>
    public const double TrendPerDay = 0.0052;

    /// <summary>Scatter of hourly volumes around the profile (log-normal sigma matching a coefficient of variation of 0.34).</summary>
    public const double HourlyNoiseSigma = 0.33;

    /// <summary>Expected orders per hour at <paramref name="at"/>, for a rate of <paramref name="ordersPerHour"/> at <paramref name="anchor"/>.</summary>
    public static double ExpectedPerHour(double ordersPerHour, DateTimeOffset anchor, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var weekday = ((int)utc.DayOfWeek + 6) % 7; // Monday = 0
        var days = (at - anchor).TotalDays;
        return ordersPerHour * HourOfDay[utc.Hour] * DayOfWeek[weekday] * Math.Exp(TrendPerDay * days);
    }

    /// <summary>One hour's orders: the expected volume with log-normal scatter, then a Poisson draw.</summary>
    public static int SampleHour(Random random, double expected)
    {
        var scattered = expected * Math.Exp(HourlyNoiseSigma * Normal(random) - HourlyNoiseSigma * HourlyNoiseSigma / 2);
        return Poisson(random, scattered);
    }

    /// <summary>A Poisson draw (Knuth for small means, a rounded normal approximation for large ones).</summary>
    public static int Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 50) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal(random)));
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    /// <summary>Seconds until the next order of a Poisson process with <paramref name="perHour"/> orders per hour.</summary>
    public static double NextGapSeconds(Random random, double perHour) =>
        perHour <= 0 ? 60 : -Math.Log(1 - random.NextDouble()) * 3600 / perHour;

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
