namespace Graph.Client;

public enum QueryType
{
    ReadOnly,
    ReadWrite,
    WriteOnly,
    SchemaWrite,
}
