namespace Graph.Web.Exports;

/// <summary>A label that wants to sit next to a circle at (X, Y) of radius R; higher priority is placed first.</summary>
public sealed record LabelCandidate(string Text, double X, double Y, double R, double Size, double Priority, bool Bold = false);
