namespace Graph.Web.Exports;

/// <summary>An axis-aligned rectangle in picture coordinates.</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;

    public bool Overlaps(Box other, double pad = 1) =>
        X < other.Right + pad && other.X < Right + pad && Y < other.Bottom + pad && other.Y < Bottom + pad;

    public bool Inside(Box outer) => X >= outer.X && Y >= outer.Y && Right <= outer.Right && Bottom <= outer.Bottom;
}
