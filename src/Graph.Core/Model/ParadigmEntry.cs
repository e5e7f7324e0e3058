namespace Graph.Core.Model;

/// <summary>A paradigm of the registry; <see cref="Source"/> is the document its quote and section come from.</summary>
public sealed record ParadigmEntry(
    string Id, string Name, string Description, string Quote, string Section, EntityReference SourceDocument,
    string Field, SourceLocation Location) : IEntity
{
    public string Source => SourceDocument.Id;
}
