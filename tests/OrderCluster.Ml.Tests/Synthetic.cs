namespace OrderCluster.Ml.Tests;

/// <summary>Deterministic synthetic series with known components for the recovery tests.</summary>
internal static class Synthetic
{
    public static double[] Series(int length, Func<int, double> signal, double noise, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(t => signal(t) + noise * Gaussian(random)).ToArray();
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Level 100, slope 0.5, an additive cycle of amplitude 10 over <paramref name="period"/>.</summary>
    public static double TrendSeason(int t, int period) => 100 + 0.5 * t + 10 * Math.Sin(2 * Math.PI * t / period);

    public static double MeanAbsoluteError(ReadOnlySpan<double> forecast, Func<int, double> truth, int start)
    {
        var sum = 0.0;
        for (var h = 0; h < forecast.Length; h++)
        {
            sum += Math.Abs(forecast[h] - truth(start + h));
        }

        return sum / forecast.Length;
    }
}
