namespace OrderCluster.Ml.Preprocessing;

/// <summary>A series ready for a model: filled, transformed and cleaned, with the seasonal periods that passed the test.</summary>
internal sealed record PreparedSeries(double[] Values, int[] Periods, BoxCox? Transform, int TrailingMissing)
{
    /// <summary>The filled series on the original scale (before transform and clipping).</summary>
    public double[] Original { get; init; } = Values;

    /// <summary>The zero-demand process when zeros are modelled separately (they are then missing in the values), else null.</summary>
    public ZeroDemand? Zeros { get; init; }
}

/// <summary>
/// The preparation every forecaster shares: fill missing values, choose the transform, test the seasonal periods,
/// clip outliers; and afterwards wrap the fitted model so that it speaks the original scale.
/// </summary>
internal static class SeriesPipeline
{
    public static PreparedSeries Prepare(ReadOnlySpan<double> series, ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var zeros = options.SeparateZeros ? ZeroDemand.Detect(series, options.PrimaryPeriod) : null;
        var (filled, trailing) = zeros is null
            ? MissingValues.Fill(series, options.PrimaryPeriod)
            : MissingValues.Fill(ZeroDemand.WithoutZeros(series), options.PrimaryPeriod);
        var transform = BoxCox.Choose(options.Transform, filled, options.PrimaryPeriod);
        var values = filled;
        if (transform is not null)
        {
            values = new double[filled.Length];
            for (var t = 0; t < values.Length; t++)
            {
                values[t] = transform.Forward(filled[t]);
            }
        }

        var periods = SeasonalityTest.UsablePeriods(values, options);
        if (options.ClipOutliers && values.Length >= 8)
        {
            values = OutlierClipper.Clip(values, periods, options.OutlierThreshold);
        }

        return new PreparedSeries(values, periods, transform, trailing) { Original = filled, Zeros = zeros };
    }

    /// <summary>
    /// Puts <paramref name="model"/> back on the original scale, steps it over trailing missing values and mixes in
    /// the zero-demand process when there is one.
    /// </summary>
    public static ForecastModel Complete(ForecastModel model, PreparedSeries prepared)
    {
        var result = prepared.Transform is null ? model : new TransformedModel(model, prepared.Transform);
        return CompleteOnOriginalScale(result, prepared);
    }

    /// <summary>As <see cref="Complete"/> for a model that already works on the original scale.</summary>
    public static ForecastModel CompleteOnOriginalScale(ForecastModel model, PreparedSeries prepared)
    {
        for (var i = 0; i < prepared.TrailingMissing; i++)
        {
            model.UpdateCore(double.NaN);
        }

        return prepared.Zeros is null ? model : new ZeroDemandModel(model, prepared.Zeros);
    }
}
