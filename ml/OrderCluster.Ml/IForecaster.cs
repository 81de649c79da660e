namespace OrderCluster.Ml;

/// <summary>
/// A forecasting method: fits a <see cref="ForecastModel"/> to one univariate series.
/// Implementations are stateless and thread-safe, so one instance can fit many series in parallel.
/// </summary>
public interface IForecaster
{
    /// <summary>Short method name used in reports, e.g. <c>ETS</c> or <c>SSA</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Fits the method to <paramref name="series"/> (oldest first, <see cref="double.NaN"/> marks a missing value).
    /// Leading missing values are dropped and inner ones interpolated (see <see cref="ForecastOptions"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The series has no finite value.</exception>
    ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options);
}
