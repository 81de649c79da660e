namespace OrderCluster.Bench.Charts;

/// <summary>
/// Draws a timeline: one line per column against the left axis, dashed lines against an optional right axis, gaps where
/// cells are empty, and events as dashed vertical lines whose labels are stacked in up to four rows above the plot so
/// that they do not cover each other.
/// </summary>
internal static class LineChart
{
    private const double PlotHeight = 340;
    private const double MarkerRow = 16;
    private const int MaxMarkerRows = 4;
    private const double MarkerSize = 12;
    private const double MaxMarkerLabel = 220;
    private const string MarkerColour = "#374151";

    /// <summary>Writes the chart to <see cref="LinesOptions.Out"/>; returns the marker labels that found no room and were left out.</summary>
    public static IReadOnlyList<string> Write(LinesOptions options, Timeline timeline)
    {
        var left = timeline.Series.Where(s => !s.RightAxis).ToList();
        var right = timeline.Series.Where(s => s.RightAxis).ToList();
        var legend = timeline.Series
            .Select((s, i) => new LegendEntry(s.RightAxis ? s.Name + " (right axis)" : s.Name, ChartFrame.Palette[i % ChartFrame.Palette.Length], s.RightAxis))
            .ToList();

        double TickWidth(string label) => TextWidth.Of(label, ChartFrame.TickSize);
        double TickHeight(string _) => ChartFrame.TickSize;
        var yAxis = ValueAxis(left, TickHeight);
        var y2Axis = right.Count > 0 ? ValueAxis(right, TickHeight) : null;

        var plotLeft = ChartFrame.Margin + 22 + yAxis.Labels.Max(TickWidth) + 8;
        var plotRight = ChartFrame.Width - ChartFrame.Margin - (y2Axis is null ? 24 : 22 + y2Axis.Labels.Max(TickWidth) + 8);
        var xs = timeline.X.Concat(timeline.Markers.Select(m => m.X)).ToList();
        var xAxis = Axis.Fit(xs.Min(), xs.Max(), log: false, includeZero: false, plotRight - plotLeft, TickWidth, gap: 16);
        double X(double value) => plotLeft + xAxis.Fraction(value) * (plotRight - plotLeft);

        var markers = PlaceMarkers(timeline.Markers, X);
        var legendTop = ChartFrame.TitleHeight(options.Subtitle);
        var markerRows = markers.Count == 0 ? 0 : markers.Max(m => m.Row) + 1;
        var plotTop = legendTop + ChartFrame.LegendHeight(legend) + 10 + markerRows * MarkerRow;
        var plotBottom = plotTop + PlotHeight;
        double Y(Axis axis, double value) => plotBottom - axis.Fraction(value) * PlotHeight;

        using var svg = new SvgWriter(options.Out, ChartFrame.Width, plotBottom + 54, options.Title);
        ChartFrame.DrawTitle(svg, options.Title, options.Subtitle);
        ChartFrame.DrawLegend(svg, legend, legendTop);

        for (var i = 0; i < xAxis.Ticks.Count; i++)
        {
            var x = X(xAxis.Ticks[i]);
            svg.Line(x, plotTop, x, plotBottom, ChartFrame.Grid);
            svg.Text(x, plotBottom + 18, xAxis.Labels[i], ChartFrame.TickSize, "middle", ChartFrame.Muted);
        }

        for (var i = 0; i < yAxis.Ticks.Count; i++)
        {
            var y = Y(yAxis, yAxis.Ticks[i]);
            svg.Line(plotLeft, y, plotRight, y, ChartFrame.Grid);
            svg.Text(plotLeft - 8, y + ChartFrame.TickSize * 0.35, yAxis.Labels[i], ChartFrame.TickSize, "end", ChartFrame.Muted);
        }

        if (y2Axis is not null)
            for (var i = 0; i < y2Axis.Ticks.Count; i++)
                svg.Text(plotRight + 8, Y(y2Axis, y2Axis.Ticks[i]) + ChartFrame.TickSize * 0.35, y2Axis.Labels[i], ChartFrame.TickSize, "start", ChartFrame.Muted);

        for (var s = 0; s < timeline.Series.Count; s++)
        {
            var series = timeline.Series[s];
            var axis = series.RightAxis ? y2Axis! : yAxis;
            foreach (var segment in Segments(timeline.X, series.Values))
            {
                var points = segment.Select(p => (X(p.X), Y(axis, p.Y))).ToList();
                if (points.Count == 1) svg.Rect(points[0].Item1 - 1.5, points[0].Item2 - 1.5, 3, 3, legend[s].Colour);
                else svg.Polyline(points, legend[s].Colour, 2, series.RightAxis ? "6 3" : null);
            }
        }

        foreach (var marker in markers) // all lines first, so that no line is drawn over a label
        {
            var top = marker.Shown.Length == 0 ? plotTop : plotTop - 5 - marker.Row * MarkerRow - MarkerSize + 2;
            svg.Line(X(marker.X), top, X(marker.X), plotBottom, MarkerColour, 1.2, "4 3");
        }

        foreach (var marker in markers.Where(m => m.Shown.Length > 0))
        {
            var x = X(marker.X);
            svg.Text(marker.Anchor == "start" ? x + 4 : x - 4, plotTop - 5 - marker.Row * MarkerRow, marker.Shown, MarkerSize, marker.Anchor,
                MarkerColour, tooltip: marker.Shown == marker.Label ? null : marker.Label, halo: true);
        }

        svg.Line(plotLeft, plotBottom, plotRight, plotBottom, ChartFrame.AxisLine);
        svg.Line(plotLeft, plotTop, plotLeft, plotBottom, ChartFrame.AxisLine);
        if (y2Axis is not null) svg.Line(plotRight, plotTop, plotRight, plotBottom, ChartFrame.AxisLine);
        AxisTitles(svg, options, y2Axis is not null, plotLeft, plotRight, plotTop, plotBottom);
        return [.. markers.Where(m => m.Shown.Length == 0).Select(m => m.Label)];
    }

    private static Axis ValueAxis(IReadOnlyList<TimelineSeries> series, Func<string, double> extent)
    {
        var values = series.SelectMany(s => s.Values).OfType<double>().ToList();
        return Axis.Fit(values.Min(), values.Max(), log: false, includeZero: true, PlotHeight, extent, gap: 28);
    }

    private static void AxisTitles(SvgWriter svg, LinesOptions options, bool hasRight, double plotLeft, double plotRight, double plotTop, double plotBottom)
    {
        var middle = (plotTop + plotBottom) / 2;
        var xTitle = TextWidth.Truncate(options.XLabel, ChartFrame.LabelSize, plotRight - plotLeft);
        svg.Text((plotLeft + plotRight) / 2, plotBottom + 42, xTitle, ChartFrame.LabelSize, "middle", ChartFrame.Ink, bold: true);
        var yTitle = TextWidth.Truncate(options.YLabel, ChartFrame.LabelSize, PlotHeight);
        svg.Text(ChartFrame.Margin + 10, middle, yTitle, ChartFrame.LabelSize, "middle", ChartFrame.Ink, bold: true, rotate: -90,
            tooltip: yTitle == options.YLabel ? null : options.YLabel);
        if (!hasRight) return;
        var y2Title = TextWidth.Truncate(options.Y2Label, ChartFrame.LabelSize, PlotHeight);
        svg.Text(ChartFrame.Width - ChartFrame.Margin - 10, middle, y2Title, ChartFrame.LabelSize, "middle", ChartFrame.Ink, bold: true, rotate: 90,
            tooltip: y2Title == options.Y2Label ? null : options.Y2Label);
    }

    /// <summary>The runs of consecutive rows that have a value; an empty cell ends a run, so the line shows the gap.</summary>
    private static IEnumerable<List<(double X, double Y)>> Segments(double[] x, double?[] values)
    {
        var run = new List<(double, double)>();
        for (var i = 0; i < x.Length; i++)
        {
            if (values[i] is { } value)
            {
                run.Add((x[i], value));
                continue;
            }

            if (run.Count > 0) yield return run;
            run = [];
        }

        if (run.Count > 0) yield return run;
    }

    private sealed record PlacedMarker(double X, string Label, string Shown, string Anchor, int Row);

    /// <summary>
    /// Puts each label (left to right) in the lowest row where it clears the labels already there, to the right of its line,
    /// or to the left where the chart ends; with every row taken the label is left out (its line is still drawn) and
    /// <see cref="Write"/> names it.
    /// </summary>
    private static List<PlacedMarker> PlaceMarkers(IReadOnlyList<TimelineMarker> markers, Func<double, double> toPixel)
    {
        var rowEnds = Enumerable.Repeat(double.NegativeInfinity, MaxMarkerRows).ToArray();
        var placed = new List<PlacedMarker>();
        foreach (var marker in markers.OrderBy(m => m.X))
        {
            var x = toPixel(marker.X);
            var shown = TextWidth.Truncate(marker.Label, MarkerSize, MaxMarkerLabel);
            var width = TextWidth.Of(shown, MarkerSize);
            var anchor = x + 4 + width <= ChartFrame.Width - ChartFrame.Margin ? "start" : "end";
            var (start, end) = anchor == "start" ? (x - 1, x + 4 + width) : (x - 4 - width, x + 1);
            var row = Array.FindIndex(rowEnds, e => e + 6 <= start);
            if (row < 0)
            {
                placed.Add(new PlacedMarker(marker.X, marker.Label, "", anchor, 0)); // only the line: any text would cover another label
                continue;
            }

            rowEnds[row] = end;
            placed.Add(new PlacedMarker(marker.X, marker.Label, shown, anchor, row));
        }

        return placed;
    }
}
