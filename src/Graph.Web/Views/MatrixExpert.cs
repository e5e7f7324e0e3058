namespace Graph.Web.Views;

/// <summary>A row (and column) of the matrix: an expert and its group.</summary>
public sealed record MatrixExpert(string Id, string Name, int Community);
