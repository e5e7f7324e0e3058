using SkiaSharp;

namespace Graph.Web.Exports;

/// <summary>
/// Widths of text in the font the exports name first (DejaVu Sans, Debian's default sans-serif), measured with
/// SkiaSharp, so labels can be placed without overlapping. Falls back to a generous estimate when no such font or
/// native library is available, which only makes labels hide sooner, never overlap.
/// </summary>
public static class TextMeasure
{
    public const string FontFamily = "DejaVu Sans, Verdana, sans-serif";

    private static readonly Lazy<SKTypeface?> Regular = new(() => Load(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface?> Bold = new(() => Load(SKFontStyle.Bold));

    private static SKTypeface? Load(SKFontStyle style)
    {
        try
        {
            var typeface = SKTypeface.FromFamilyName("DejaVu Sans", style);
            return typeface is not null && typeface.FamilyName.Contains("DejaVu", StringComparison.OrdinalIgnoreCase) ? typeface : null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public static double Width(string text, double size, bool bold = false)
    {
        var typeface = bold ? Bold.Value : Regular.Value;
        if (typeface is null) return text.Length * size * (bold ? 0.72 : 0.66);
        using var font = new SKFont(typeface, (float)size);
        return font.MeasureText(text);
    }

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/>.</summary>
    public static IReadOnlyList<string> Wrap(string text, double size, double width, bool bold = false)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Width(candidate, size, bold) > width)
            {
                lines.Add(line);
                line = word;
            }
            else line = candidate;
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }
}
