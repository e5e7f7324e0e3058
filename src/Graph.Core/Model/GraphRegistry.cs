namespace Graph.Core.Model;

/// <summary>The shared registry (graph-data/registry/): paradigms, institutions, experts and claims of every document.</summary>
public sealed class GraphRegistry
{
    public List<ParadigmEntry> Paradigms { get; } = [];
    public List<InstitutionEntry> Institutions { get; } = [];
    public List<ExpertEntry> Experts { get; } = [];
    public List<ClaimEntry> Claims { get; } = [];
}
