namespace Graph.Queries.Export;

public enum AttributeType
{
    String,
    Integer,
    Double,
}
