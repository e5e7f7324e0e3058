namespace Graph.Queries.Export;

/// <summary>
/// Two-mode weights (DNA's two-mode normalizations): None = 1 per stance; Activity = 1 / number of the expert's
/// stances; Prominence = 1 / number of stances on the claim.
/// </summary>
public enum TwoModeNormalization
{
    None,
    Activity,
    Prominence,
}
