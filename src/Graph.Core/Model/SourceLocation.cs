namespace Graph.Core.Model;

/// <summary>
/// Where a value sits in a graph-data file: the file as shown to users and 1-based line and column. Messages show
/// file:line; <see cref="ShowColumn"/> adds the column where it matters (an invalid byte inside a line).
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int Column, bool ShowColumn = false)
{
    public static SourceLocation OfFile(string file) => new(file, 0, 0);

    public override string ToString() => Line <= 0 ? File : ShowColumn ? $"{File}:{Line}:{Column}" : $"{File}:{Line}";
}
