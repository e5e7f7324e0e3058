using Graph.Queries.Model;
using Graph.Queries.Text;
using Quickenshtein;

namespace Graph.Queries.Lookup;

public enum EntityKind
{
    Expert,
    Institution,
    Claim,
    Paradigm,
}
