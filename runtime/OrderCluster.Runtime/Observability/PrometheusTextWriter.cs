using System.Globalization;
using System.Text;

namespace OrderCluster.Runtime.Observability;

/// <summary>Formats collected metrics in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(MetricsCollector collector)
    {
        var text = new StringBuilder(16 * 1024);
        foreach (var series in collector.Collect()) WriteInstrument(text, series);
        return text.ToString();
    }

    private static void WriteInstrument(StringBuilder text, InstrumentSeries series)
    {
        var name = MetricName(series);
        if (series.Kind == "histogram" ? series.Histograms.IsEmpty : series.Sums.IsEmpty) return;
        if (!string.IsNullOrEmpty(series.Description))
            text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(series.Description)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(series.Kind).Append('\n');

        if (series.Kind != "histogram")
        {
            foreach (var (tags, value) in series.Sums)
                Sample(text, name, tags, null, value.Value);
            return;
        }

        var scale = series.Unit == "ms" ? 0.001 : 1.0;
        foreach (var (tags, histogram) in series.Histograms)
        {
            var snapshot = histogram.Snapshot();
            long cumulative = 0;
            for (var i = 0; i < snapshot.Bounds.Length; i++)
            {
                cumulative += snapshot.Buckets[i];
                Sample(text, name + "_bucket", tags, Format(snapshot.Bounds[i] * scale), cumulative);
            }

            Sample(text, name + "_bucket", tags, "+Inf", snapshot.Count);
            Sample(text, name + "_sum", tags, null, snapshot.Sum * scale);
            Sample(text, name + "_count", tags, null, snapshot.Count);
        }
    }

    /// <summary><c>ordercluster.grain.call.duration</c> in s → <c>ordercluster_grain_call_duration_seconds</c>.</summary>
    internal static string MetricName(InstrumentSeries series)
    {
        var name = new StringBuilder(series.Name.Length + 16);
        foreach (var c in series.Name) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        var suffix = series.Unit switch
        {
            "s" or "ms" => "_seconds",
            "By" => "_bytes",
            _ => "",
        };
        if (suffix.Length > 0 && !name.ToString().EndsWith(suffix, StringComparison.Ordinal)) name.Append(suffix);
        if (series.Kind == "counter") name.Append("_total");
        return name.ToString();
    }

    private static void Sample(StringBuilder text, string name, TagSet tags, string? le, double value)
    {
        text.Append(name);
        if (tags.Count > 0 || le is not null)
        {
            text.Append('{');
            for (var i = 0; i < tags.Count; i++)
            {
                if (i > 0) text.Append(',');
                var tag = tags[i];
                text.Append(LabelName(tag.Key)).Append("=\"").Append(EscapeLabel(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")).Append('"');
            }

            if (le is not null) text.Append(tags.Count > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            text.Append('}');
        }

        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string LabelName(string key)
    {
        var chars = key.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (!char.IsAsciiLetterOrDigit(chars[i])) chars[i] = '_';
        return new string(chars);
    }

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
