namespace Graph.Web.Exports;

/// <summary>A placed label: its box and where its baseline starts.</summary>
public sealed record PlacedLabel(string Text, Box Box, double Size, bool Bold)
{
    public double BaselineX => Box.X;
    public double BaselineY => Box.Y + 0.95 * Size;
}
