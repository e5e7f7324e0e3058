namespace Graph.Core.Model;

public enum StanceKind
{
    Endorses,
    Criticizes,
}
