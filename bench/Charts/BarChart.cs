namespace OrderCluster.Bench.Charts;

/// <summary>One row of a bar chart: its label and value, and with pairs the baseline drawn beneath it.</summary>
internal sealed record BarRow(string Label, BenchFigure Measured, BenchFigure? Baseline);

/// <summary>
/// Draws horizontal bars, one row per figure (or measured/baseline pair), labels on the left cut with an ellipsis in the middle,
/// each value printed at the end of its bar, and a value axis in the figures' one unit at the bottom.
/// </summary>
internal static class BarChart
{
    private const double MaxLabelShare = 0.38;
    private const double SingleBand = 28;
    private const double SingleBar = 18;
    private const double PairBand = 42;
    private const double PairBar = 15;
    private const double ValueSize = 12;

    public static void Write(string path, string title, string? subtitle, IReadOnlyList<BarRow> rows, string unit, bool log)
    {
        var pairs = rows.Any(r => r.Baseline is not null);
        var legend = pairs
            ? new List<LegendEntry> { new("measured", ChartFrame.MeasuredColour, Block: true), new("baseline", ChartFrame.BaselineColour, Block: true) }
            : [];

        var labelRoom = Math.Min(rows.Max(r => TextWidth.Of(r.Label, ChartFrame.LabelSize)), ChartFrame.Width * MaxLabelShare);
        var plotLeft = ChartFrame.Margin + labelRoom + 10;
        var plotRight = ChartFrame.Width - ChartFrame.Margin - 24; // room for half the last tick label
        var legendTop = ChartFrame.TitleHeight(subtitle);
        var plotTop = legendTop + ChartFrame.LegendHeight(legend) + (pairs ? 8 : 0);
        var band = pairs ? PairBand : SingleBand;
        var plotBottom = plotTop + rows.Count * band;
        var height = plotBottom + 54;

        var values = rows.SelectMany(r => r.Baseline is null ? [r.Measured.Value] : new[] { r.Measured.Value, r.Baseline.Value }).ToList();
        double TickWidth(string label) => TextWidth.Of(label, ChartFrame.TickSize);
        var axis = Axis.Fit(values.Min(), values.Max(), log, includeZero: true, plotRight - plotLeft, TickWidth, gap: 14);
        var overhang = TickWidth(axis.Labels[^1]) / 2 - (ChartFrame.Width - 4 - plotRight);
        if (overhang > 0) // a long last tick label ("100,000,000"): narrow the plot so it ends inside the picture
        {
            plotRight -= overhang;
            axis = Axis.Fit(values.Min(), values.Max(), log, includeZero: true, plotRight - plotLeft, TickWidth, gap: 14);
        }

        double X(double value) => plotLeft + axis.Fraction(value) * (plotRight - plotLeft);
        var origin = X(log ? axis.Low : 0);

        using var svg = new SvgWriter(path, ChartFrame.Width, height, title);
        ChartFrame.DrawTitle(svg, title, subtitle);
        if (pairs) ChartFrame.DrawLegend(svg, legend, legendTop);

        for (var i = 0; i < axis.Ticks.Count; i++)
        {
            var x = X(axis.Ticks[i]);
            svg.Line(x, plotTop, x, plotBottom, ChartFrame.Grid);
            svg.Text(x, plotBottom + 18, axis.Labels[i], ChartFrame.TickSize, "middle", ChartFrame.Muted);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var middle = plotTop + (i + 0.5) * band;
            var label = TextWidth.TruncateMiddle(row.Label, ChartFrame.LabelSize, labelRoom);
            svg.Text(plotLeft - 10, middle + ChartFrame.LabelSize * 0.35, label, ChartFrame.LabelSize, "end", ChartFrame.Ink,
                tooltip: label == row.Label ? null : row.Label);
            if (row.Baseline is null)
            {
                Bar(svg, row.Measured, unit, middle - SingleBar / 2, SingleBar, ChartFrame.MeasuredColour, origin, X, plotLeft);
                continue;
            }

            Bar(svg, row.Measured, unit, middle - PairBar - 1, PairBar, ChartFrame.MeasuredColour, origin, X, plotLeft);
            Bar(svg, row.Baseline, unit, middle + 1, PairBar, ChartFrame.BaselineColour, origin, X, plotLeft);
        }

        svg.Line(origin, plotTop, origin, plotBottom, ChartFrame.AxisLine);
        svg.Line(plotLeft, plotBottom, plotRight, plotBottom, ChartFrame.AxisLine);
        svg.Text((plotLeft + plotRight) / 2, plotBottom + 42, log ? $"{unit} (log scale)" : unit, ChartFrame.LabelSize, "middle", ChartFrame.Ink, bold: true);
    }

    /// <summary>
    /// One bar from the axis origin, with its value and unit printed past its end; where the picture ends there, inside the
    /// bar; and where the bar is too short for that, on the other side of the origin, which is free in a bar's own row.
    /// </summary>
    private static void Bar(SvgWriter svg, BenchFigure figure, string unit, double top, double thickness, string colour,
        double origin, Func<double, double> x, double plotLeft)
    {
        var end = x(figure.Value);
        var text = $"{NiceNumbers.Value(figure.Value)} {unit}";
        svg.Rect(Math.Min(origin, end), top, Math.Abs(end - origin), thickness, colour, tooltip: $"{figure.Name} {text}");
        var width = TextWidth.Of(text, ValueSize);
        var baseline = top + thickness / 2 + ValueSize * 0.35;
        var forward = end >= origin;
        if (forward ? end + 5 + width <= ChartFrame.Width - 4 : end - 5 - width >= plotLeft)
            svg.Text(forward ? end + 5 : end - 5, baseline, text, ValueSize, forward ? "start" : "end", ChartFrame.Ink);
        else if (Math.Abs(end - origin) >= width + 10) // white on the dark measured colour, ink on the light baseline grey
            svg.Text(forward ? end - 5 : end + 5, baseline, text, ValueSize, forward ? "end" : "start",
                colour == ChartFrame.BaselineColour ? ChartFrame.Ink : "#ffffff", bold: true);
        else
            svg.Text(forward ? origin - 5 : origin + 5, baseline, text, ValueSize, forward ? "end" : "start", ChartFrame.Ink);
    }
}
