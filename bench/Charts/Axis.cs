namespace OrderCluster.Bench.Charts;

/// <summary>
/// One value axis: its range, where its ticks go and what they say, and the share of the axis length a value sits at.
/// <see cref="Fit"/> picks the finest 1-2-5 ticks whose labels do not touch on the given length, so no chart has to
/// check for overlapping tick labels itself.
/// </summary>
internal sealed class Axis
{
    private Axis(double low, double high, bool log, IReadOnlyList<double> ticks, IReadOnlyList<string> labels)
    {
        Low = low;
        High = high;
        IsLog = log;
        Ticks = ticks;
        Labels = labels;
    }

    public double Low { get; }

    public double High { get; }

    public bool IsLog { get; }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>The printed tick labels, one per <see cref="Ticks"/> entry.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Where <paramref name="value"/> sits between <see cref="Low"/> (0) and <see cref="High"/> (1).</summary>
    public double Fraction(double value) => IsLog
        ? (Math.Log10(value) - Math.Log10(Low)) / (Math.Log10(High) - Math.Log10(Low))
        : (value - Low) / (High - Low);

    /// <summary>
    /// The axis over <paramref name="min"/>..<paramref name="max"/> (widened to zero with <paramref name="includeZero"/>),
    /// ends rounded out to a tick, with the finest ticks whose labels keep <paramref name="gap"/> pixels apart along
    /// <paramref name="length"/> pixels; <paramref name="extent"/> is a label's size along the axis (its width on a
    /// horizontal axis, the line height on a vertical one). A log axis needs <paramref name="min"/> above zero.
    /// </summary>
    public static Axis Fit(double min, double max, bool log, bool includeZero, double length, Func<string, double> extent, double gap)
    {
        Axis? coarsest = null;
        foreach (var candidate in log ? LogCandidates(min, max) : LinearCandidates(min, max, includeZero))
        {
            coarsest = candidate;
            if (candidate.LabelsFit(length, extent, gap)) return candidate;
        }

        return coarsest!;
    }

    private bool LabelsFit(double length, Func<string, double> extent, double gap)
    {
        for (var i = 1; i < Ticks.Count; i++)
        {
            var distance = (Fraction(Ticks[i]) - Fraction(Ticks[i - 1])) * length;
            if (distance < (extent(Labels[i - 1]) + extent(Labels[i])) / 2 + gap) return false;
        }

        return true;
    }

    /// <summary>Linear axes from about 20 intervals down to one, each step the next coarser 1-2-5 step.</summary>
    private static IEnumerable<Axis> LinearCandidates(double min, double max, bool includeZero)
    {
        if (includeZero)
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        if (min == max) (min, max) = min == 0 ? (0d, 1d) : (min - Math.Abs(min) / 2, max + Math.Abs(max) / 2);
        var step = NiceNumbers.Step(max - min, 20);
        while (true)
        {
            var low = Math.Floor(min / step + 1e-9) * step;
            var high = Math.Ceiling(max / step - 1e-9) * step;
            var ticks = NiceNumbers.Ticks(low, high, step);
            var labelStep = step;
            yield return new Axis(low, high, false, ticks, [.. ticks.Select(t => NiceNumbers.Tick(t, labelStep))]);
            if (ticks.Count <= 2 || step >= max - min) yield break; // coarser steps only add empty room around the data
            step = NiceNumbers.Coarser(step);
        }
    }

    /// <summary>Log axes over whole decades: 1-2-5 in each decade, then every decade, then every 2nd, 3rd, … decade.</summary>
    private static IEnumerable<Axis> LogCandidates(double min, double max)
    {
        var lowDecade = (int)Math.Floor(Math.Log10(min));
        if (Math.Pow(10, lowDecade) >= min) lowDecade--; // a value on the axis start would get a bar of no length
        var highDecade = Math.Max(lowDecade + 1, (int)Math.Ceiling(Math.Log10(max)));

        var fine = new List<double>();
        for (var d = lowDecade; d < highDecade; d++)
            foreach (var mantissa in new[] { 1d, 2d, 5d })
                fine.Add(mantissa * Math.Pow(10, d));
        fine.Add(Math.Pow(10, highDecade));
        yield return Log(lowDecade, highDecade, fine);

        for (var every = 1; every <= highDecade - lowDecade; every++)
        {
            var low = (int)Math.Floor((double)lowDecade / every) * every;
            var high = (int)Math.Ceiling((double)highDecade / every) * every;
            var ticks = new List<double>();
            for (var d = low; d <= high; d += every) ticks.Add(Math.Pow(10, d));
            yield return Log(low, high, ticks);
        }
    }

    private static Axis Log(int lowDecade, int highDecade, List<double> ticks) =>
        new(Math.Pow(10, lowDecade), Math.Pow(10, highDecade), true, ticks, [.. ticks.Select(t => NiceNumbers.Tick(t, t))]);
}
