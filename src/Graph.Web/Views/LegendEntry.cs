namespace Graph.Web.Views;

/// <summary>One line of a legend: what a colour means. Views list only the colours they draw.</summary>
public sealed record LegendEntry(string Key, string Label, string Color);
