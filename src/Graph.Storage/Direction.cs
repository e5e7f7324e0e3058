namespace Graph.Storage;

public enum Direction
{
    Outgoing,
    Incoming,
    Both,
}
