namespace Graph.Core.Model;

// The domain model of graph-data (see graph-data/README.md). Registry entities (paradigms, institutions, experts,
// claims) are shared by every document; sessions, role resolutions and stances belong to one document and record
// its id (`Source`). Every entity keeps the field path it was read from and its location, so that validation can
// point at it. The records are named "...Entry" (ExpertEntry, ClaimEntry, StanceEntry, ...): they are entries of the
// graph-data files, distinct from what the query library reads back from a store (Graph.Queries.Model.Expert, ...).

public interface IEntity
{
    string Id { get; }
    string Field { get; }
    SourceLocation Location { get; }
}
