namespace Graph.Client;

public enum AccessMode
{
    Read,
    Write,
}
