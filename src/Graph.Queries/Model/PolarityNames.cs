namespace Graph.Queries.Model;

public static class PolarityNames
{
    public static Polarity Parse(string relationshipType) => relationshipType switch
    {
        "ENDORSES" => Polarity.Endorses,
        "CRITICIZES" => Polarity.Criticizes,
        _ => throw new Cypher.QueryDataException($"'{relationshipType}' is not a stance relationship (ENDORSES or CRITICIZES)."),
    };

    public static string Verb(this Polarity polarity) => polarity == Polarity.Endorses ? "endorses" : "criticizes";
}
