namespace Graph.Core.Model;

/// <summary>Where a quote sits in its document's text: 1-based line, and offset and length in the normalized text.</summary>
public readonly record struct TextSpan(int Line, int Start, int Length)
{
    public int End => Start + Length;
}
