namespace Graph.Queries.Model;

/// <summary>Whether an expert endorses or criticizes a claim; the value is the sign used in every score.</summary>
public enum Polarity
{
    Criticizes = -1,
    Endorses = 1,
}
