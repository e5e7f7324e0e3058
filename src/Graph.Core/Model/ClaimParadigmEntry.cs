namespace Graph.Core.Model;

public sealed record ClaimParadigmEntry(EntityReference Paradigm, ParadigmSign Sign);
