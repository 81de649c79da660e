namespace OrderCluster.Bench.Charts;

/// <summary>
/// Estimates how wide a text is drawn, so that labels can be laid out and cut without a font renderer. Uses Helvetica's
/// advance widths (Arial and Liberation Sans, which the charts ask for, have the same), plus a margin for a wider
/// fallback font; characters outside ASCII count as wide.
/// </summary>
internal static class TextWidth
{
    /// <summary>Charts ask for these fonts, all metric-compatible with Helvetica; no font is embedded or downloaded.</summary>
    public const string FontFamily = "Arial, Helvetica, 'Liberation Sans', sans-serif";

    public const string Ellipsis = "\u2026";

    private const double SafetyMargin = 1.06;
    private const double WideCharacter = 1000;

    // Helvetica advance widths in 1/1000 em for ' ' (32) through '~' (126).
    private static readonly short[] Widths =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,      // p to ~
    ];

    /// <summary>The estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/> pixels.</summary>
    public static double Of(string text, double fontSize)
    {
        double units = 0;
        foreach (var c in text) units += c is >= ' ' and <= '~' ? Widths[c - ' '] : WideCharacter;
        return units / 1000 * fontSize * SafetyMargin;
    }

    /// <summary><paramref name="text"/> if it fits in <paramref name="maxWidth"/> pixels, else its longest start that fits followed by an ellipsis.</summary>
    public static string Truncate(string text, double fontSize, double maxWidth)
    {
        if (Of(text, fontSize) <= maxWidth) return text;
        var length = text.Length;
        while (length > 0 && Of(text[..length] + Ellipsis, fontSize) > maxWidth) length--;
        return text[..length].TrimEnd() + Ellipsis;
    }

    /// <summary>
    /// <paramref name="text"/> if it fits, else its start and end around an ellipsis: figure names such as
    /// <c>runtime.state_writes.one_row_upsert_baseline</c> differ at the end, so the end is worth more than the middle.
    /// </summary>
    public static string TruncateMiddle(string text, double fontSize, double maxWidth)
    {
        if (Of(text, fontSize) <= maxWidth) return text;
        for (var keep = text.Length - 1; keep > 0; keep--)
        {
            var head = (keep + 1) / 2;
            var shortened = text[..head] + Ellipsis + text[^(keep - head)..];
            if (Of(shortened, fontSize) <= maxWidth) return shortened;
        }

        return Ellipsis;
    }
}
