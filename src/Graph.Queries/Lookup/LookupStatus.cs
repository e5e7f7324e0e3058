namespace Graph.Queries.Lookup;

public enum LookupStatus
{
    Found,
    Ambiguous,
    NotFound,
}
