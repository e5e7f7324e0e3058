using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>
/// The debate in one time window (DNA's time-window networks): who spoke (experts with a stance dated inside it), how
/// many stances, the network they make — density is the share of expert pairs that share at least one claim —
/// polarization over all claims (the chance that two experts on the same claim take opposite stances), the
/// modularity of its communities (signed Louvain with the analysis settings, as `graph clusters`) and its most
/// contested claims. Its network is derived with the stored network's participant bound (<see cref="Bound"/>: the
/// claims it left out).
/// </summary>
public sealed record EvolutionWindow(
    TimeWindow Window, int Experts, int Stances, int Pairs, double Density, double Polarization, double Modularity, int Communities,
    IReadOnlyList<ContestedClaim> Contested, NetworkBound? Bound = null);
