namespace Graph.Core.Model;

public enum ParadigmSign
{
    Supports = 1,
    Opposes = -1,
}
