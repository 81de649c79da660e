namespace OrderCluster.Bench.Charts;

/// <summary>One legend entry: a label and the colour of what it names, drawn as a line (dashed or not) or as a block for bars.</summary>
internal sealed record LegendEntry(string Label, string Colour, bool Dashed = false, bool Block = false);

/// <summary>
/// What every chart shares: sizes, colours (the Tableau 10 palette, readable for most colour-blind readers, on white),
/// the title block and the legend, so bar and line charts look like one set in the report.
/// </summary>
internal static class ChartFrame
{
    public const double Width = 900;
    public const double Margin = 16;
    public const double TitleSize = 18;
    public const double SubtitleSize = 13;
    public const double LabelSize = 13;
    public const double TickSize = 12;
    public const string Ink = "#1f2937";
    public const string Muted = "#4b5563";
    public const string Grid = "#e5e7eb";
    public const string AxisLine = "#6b7280";

    public static readonly string[] Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac"];

    public const string MeasuredColour = "#4e79a7";
    public const string BaselineColour = "#bab0ac";

    /// <summary>The height the title block takes: the title line and, if given, the subtitle line.</summary>
    public static double TitleHeight(string? subtitle) => subtitle is null ? 42 : 62;

    /// <summary>Draws the title (and subtitle) at the top, each cut with an ellipsis to the chart's width.</summary>
    public static void DrawTitle(SvgWriter svg, string title, string? subtitle)
    {
        var room = Width - 2 * Margin;
        var shown = TextWidth.Truncate(title, TitleSize, room);
        svg.Text(Margin, 28, shown, TitleSize, fill: Ink, bold: true, tooltip: shown == title ? null : title);
        if (subtitle is null) return;
        var shownSubtitle = TextWidth.Truncate(subtitle, SubtitleSize, room);
        svg.Text(Margin, 48, shownSubtitle, SubtitleSize, fill: Muted, tooltip: shownSubtitle == subtitle ? null : subtitle);
    }

    private const double LegendRow = 20;
    private const double SwatchWidth = 22;
    private const double EntryGap = 18;
    private const double MaxEntryLabel = 260;

    /// <summary>The rows the legend fills when laid out from left to right in <see cref="Width"/>, wrapping as needed.</summary>
    public static double LegendHeight(IReadOnlyList<LegendEntry> entries) =>
        entries.Count == 0 ? 0 : Layout(entries).Max(e => e.Row + 1) * LegendRow;

    /// <summary>Draws the legend with its first row's top at <paramref name="top"/>.</summary>
    public static void DrawLegend(SvgWriter svg, IReadOnlyList<LegendEntry> entries, double top)
    {
        foreach (var (entry, label, x, row) in Layout(entries))
        {
            var middle = top + row * LegendRow + LegendRow / 2;
            if (entry.Block) svg.Rect(x, middle - 6, SwatchWidth, 12, entry.Colour);
            else svg.Line(x, middle, x + SwatchWidth, middle, entry.Colour, 3, entry.Dashed ? "6 3" : null);
            svg.Text(x + SwatchWidth + 6, middle + LabelSize * 0.35, label, LabelSize, fill: Ink, tooltip: label == entry.Label ? null : entry.Label);
        }
    }

    private static List<(LegendEntry Entry, string Label, double X, int Row)> Layout(IReadOnlyList<LegendEntry> entries)
    {
        var laidOut = new List<(LegendEntry, string, double, int)>();
        double x = Margin;
        var row = 0;
        foreach (var entry in entries)
        {
            var label = TextWidth.TruncateMiddle(entry.Label, LabelSize, MaxEntryLabel);
            var width = SwatchWidth + 6 + TextWidth.Of(label, LabelSize);
            if (x > Margin && x + width > Width - Margin)
            {
                row++;
                x = Margin;
            }

            laidOut.Add((entry, label, x, row));
            x += width + EntryGap;
        }

        return laidOut;
    }
}
