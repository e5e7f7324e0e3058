namespace Graph.Queries.Export;

/// <summary>How a node is drawn in a picture (positions in the picture's units, y downwards; colour "#rrggbb").</summary>
public sealed record NodeLook(double X, double Y, double Size, string Color);
