namespace Graph.Web.Views;

/// <summary>A block of consecutive rows that form one group (<see cref="Start"/> inclusive, <see cref="End"/> exclusive).</summary>
public sealed record MatrixBlock(int Community, int Start, int End, string Color);
