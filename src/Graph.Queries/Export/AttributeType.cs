using Graph.Queries.Analysis;
using Graph.Queries.Model;

namespace Graph.Queries.Export;

public enum AttributeType
{
    String,
    Integer,
    Double,
}
