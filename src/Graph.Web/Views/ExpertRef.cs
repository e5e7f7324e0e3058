namespace Graph.Web.Views;

/// <summary>An expert named in a list (e.g. those a view cannot place).</summary>
public sealed record ExpertRef(string Id, string Name);
