namespace Graph.Client;

/// <summary>A position in a query text. Line and column are 1-based; offset is 0-based.</summary>
public readonly record struct InputPosition(int Offset, int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column} (offset: {Offset})";
}
