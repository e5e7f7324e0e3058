using System.Globalization;
using System.Text;
using System.Xml;

namespace Graph.Web.Exports;

/// <summary>
/// A small SVG writer for the exports: UTF-8 XML with a title and description, every text in
/// <see cref="TextMeasure.FontFamily"/>. Text sizes are in pixels of the picture and never below 11.
/// </summary>
public sealed class SvgPicture : IDisposable
{
    public const double MinFontSize = 11;

    private readonly MemoryStream _stream = new();
    private readonly XmlWriter _xml;

    public SvgPicture(double width, double height, string title, string description)
    {
        Width = width;
        Height = height;
        _xml = XmlWriter.Create(_stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        _xml.WriteStartDocument();
        _xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        Attrs(("width", F(width)), ("height", F(height)), ("viewBox", $"0 0 {F(width)} {F(height)}"), ("font-family", TextMeasure.FontFamily));
        _xml.WriteElementString("title", title);
        _xml.WriteElementString("desc", description);
        Rect(0, 0, width, height, "#ffffff");
    }

    public double Width { get; }
    public double Height { get; }

    public static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private void Attrs(params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes) _xml.WriteAttributeString(name, value);
    }

    public void Group(string id, string? @class = null)
    {
        _xml.WriteStartElement("g");
        _xml.WriteAttributeString("id", id);
        if (@class is not null) _xml.WriteAttributeString("class", @class);
    }

    public void End() => _xml.WriteEndElement();

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, double strokeWidth = 1, string? title = null)
    {
        _xml.WriteStartElement("rect");
        Attrs(("x", F(x)), ("y", F(y)), ("width", F(w)), ("height", F(h)), ("fill", fill));
        if (stroke is not null) Attrs(("stroke", stroke), ("stroke-width", F(strokeWidth)));
        if (title is not null) _xml.WriteElementString("title", title);
        _xml.WriteEndElement();
    }

    public void Circle(double x, double y, double r, string fill, string? title = null, string? id = null, string stroke = "#ffffff", string? dash = null, string fillOpacity = "1")
    {
        _xml.WriteStartElement("circle");
        if (id is not null) _xml.WriteAttributeString("id", id);
        Attrs(("cx", F(x)), ("cy", F(y)), ("r", F(r)), ("fill", fill), ("fill-opacity", fillOpacity), ("stroke", stroke), ("stroke-width", "1"));
        if (dash is not null) _xml.WriteAttributeString("stroke-dasharray", dash);
        if (title is not null) _xml.WriteElementString("title", title);
        _xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width, string? dash = null, string? title = null)
    {
        _xml.WriteStartElement("line");
        Attrs(("x1", F(x1)), ("y1", F(y1)), ("x2", F(x2)), ("y2", F(y2)), ("stroke", stroke), ("stroke-width", F(width)));
        if (dash is not null) _xml.WriteAttributeString("stroke-dasharray", dash);
        if (title is not null) _xml.WriteElementString("title", title);
        _xml.WriteEndElement();
    }

    public void Polygon(IEnumerable<(double X, double Y)> points, string fill, string stroke, string? dash = null)
    {
        _xml.WriteStartElement("polygon");
        Attrs(("points", string.Join(" ", points.Select(p => $"{F(p.X)},{F(p.Y)}"))), ("fill", fill), ("stroke", stroke), ("stroke-width", "1"));
        if (dash is not null) _xml.WriteAttributeString("stroke-dasharray", dash);
        _xml.WriteEndElement();
    }

    /// <summary>Text whose baseline starts at (x, y); anchor "start", "middle" or "end".</summary>
    public void Text(double x, double y, string text, double size, string fill = "#1d2330", bool bold = false, string anchor = "start", string? @class = null, bool italic = false)
    {
        _xml.WriteStartElement("text");
        Attrs(("x", F(x)), ("y", F(y)), ("font-size", F(Math.Max(MinFontSize, size))), ("fill", fill));
        if (bold) _xml.WriteAttributeString("font-weight", "bold");
        if (italic) _xml.WriteAttributeString("font-style", "italic");
        if (anchor != "start") _xml.WriteAttributeString("text-anchor", anchor);
        if (@class is not null) _xml.WriteAttributeString("class", @class);
        _xml.WriteString(text);
        _xml.WriteEndElement();
    }

    /// <summary>Wrapped text from (x, y) (top of the first line); returns the y below the last line.</summary>
    public double Paragraph(double x, double y, string text, double size, double width, string fill = "#1d2330", bool bold = false, string? @class = null)
    {
        foreach (var line in TextMeasure.Wrap(text, size, width, bold))
        {
            Text(x, y + 0.95 * size, line, size, fill, bold, @class: @class);
            y += 1.35 * size;
        }
        return y;
    }

    public string Finish()
    {
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
        return Encoding.UTF8.GetString(_stream.ToArray());
    }

    public void Dispose()
    {
        _xml.Dispose();
        _stream.Dispose();
    }
}
