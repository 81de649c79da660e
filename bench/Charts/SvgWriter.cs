using System.Text;
using System.Xml;

namespace OrderCluster.Bench.Charts;

/// <summary>
/// Writes a self-contained SVG document (no scripts, styles, links or fonts, a white background) through
/// <see cref="XmlWriter"/>, so text is always escaped; every number goes through <see cref="NiceNumbers.Coordinate"/>.
/// </summary>
internal sealed class SvgWriter : IDisposable
{
    private const string Namespace = "http://www.w3.org/2000/svg";
    private readonly XmlWriter _xml;

    /// <summary>Starts the document at <paramref name="path"/>: its size, title (shown by viewers and screen readers) and a white page.</summary>
    public SvgWriter(string path, double width, double height, string title)
    {
        _xml = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        _xml.WriteStartElement("svg", Namespace);
        Attribute("width", width);
        Attribute("height", height);
        _xml.WriteAttributeString("viewBox", $"0 0 {NiceNumbers.Coordinate(width)} {NiceNumbers.Coordinate(height)}");
        _xml.WriteAttributeString("font-family", TextWidth.FontFamily);
        _xml.WriteElementString("title", Namespace, title);
        Rect(0, 0, width, height, "#ffffff");
    }

    public void Rect(double x, double y, double width, double height, string fill, string? tooltip = null)
    {
        _xml.WriteStartElement("rect", Namespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("width", Math.Max(0, width));
        Attribute("height", Math.Max(0, height));
        _xml.WriteAttributeString("fill", fill);
        Tooltip(tooltip);
        _xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        _xml.WriteStartElement("line", Namespace);
        Attribute("x1", x1);
        Attribute("y1", y1);
        Attribute("x2", x2);
        Attribute("y2", y2);
        _xml.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", strokeWidth);
        if (dash is not null) _xml.WriteAttributeString("stroke-dasharray", dash);
        _xml.WriteEndElement();
    }

    /// <summary>An open line through <paramref name="points"/> in pixels.</summary>
    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double strokeWidth, string? dash = null)
    {
        _xml.WriteStartElement("polyline", Namespace);
        _xml.WriteAttributeString("points", string.Join(" ", points.Select(p => NiceNumbers.Coordinate(p.X) + "," + NiceNumbers.Coordinate(p.Y))));
        _xml.WriteAttributeString("fill", "none");
        _xml.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", strokeWidth);
        _xml.WriteAttributeString("stroke-linejoin", "round");
        if (dash is not null) _xml.WriteAttributeString("stroke-dasharray", dash);
        _xml.WriteEndElement();
    }

    /// <summary>
    /// Text with its baseline at <paramref name="y"/>; <paramref name="anchor"/> is <c>start</c>, <c>middle</c> or <c>end</c>;
    /// <paramref name="rotate"/> turns it about its anchor point (−90 for a vertical axis title); <paramref name="tooltip"/>
    /// carries the full text of a truncated label; <paramref name="halo"/> outlines the text in white so a line crossing it
    /// does not make it unreadable.
    /// </summary>
    public void Text(double x, double y, string text, double size, string anchor = "start", string fill = "#1f2937",
        bool bold = false, double rotate = 0, string? tooltip = null, bool halo = false)
    {
        _xml.WriteStartElement("text", Namespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("font-size", size);
        if (anchor != "start") _xml.WriteAttributeString("text-anchor", anchor);
        if (bold) _xml.WriteAttributeString("font-weight", "bold");
        _xml.WriteAttributeString("fill", fill);
        if (halo)
        {
            _xml.WriteAttributeString("stroke", "#ffffff");
            _xml.WriteAttributeString("stroke-width", "3");
            _xml.WriteAttributeString("stroke-linejoin", "round");
            _xml.WriteAttributeString("paint-order", "stroke");
        }

        if (rotate != 0)
            _xml.WriteAttributeString("transform", $"rotate({NiceNumbers.Coordinate(rotate)} {NiceNumbers.Coordinate(x)} {NiceNumbers.Coordinate(y)})");
        _xml.WriteString(text); // before the tooltip: text first keeps the writer from indenting inside the element
        Tooltip(tooltip);
        _xml.WriteEndElement();
    }

    public void Dispose()
    {
        _xml.WriteEndElement();
        _xml.Dispose();
    }

    private void Tooltip(string? text)
    {
        if (text is not null) _xml.WriteElementString("title", Namespace, text);
    }

    private void Attribute(string name, double value) => _xml.WriteAttributeString(name, NiceNumbers.Coordinate(value));
}
