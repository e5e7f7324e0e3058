namespace Graph.Queries.Model;

public enum TieKind
{
    Agreement,
    Disagreement,
}
