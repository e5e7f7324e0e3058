namespace Graph.Web.Views;

/// <summary>
/// A paradigm's two directions in the alignment view: <see cref="For"/> is where an expert who only supports it sits
/// (a corner of the triangle), <see cref="Against"/> where one who only opposes it sits (the opposite side).
/// </summary>
public sealed record AlignmentCorner(string ParadigmId, string Name, string Color, Point For, Point Against);
