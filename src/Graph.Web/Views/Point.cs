namespace Graph.Web.Views;

/// <summary>A position in a view's drawing units (y downwards, as on screen and in SVG).</summary>
public readonly record struct Point(double X, double Y);
