namespace Graph.Core.Agreement;

/// <summary>How two coders' codings of one document agree.</summary>
public sealed record AgreementReport(
    string Document, string CoderA, string CoderB, int UnitsA, int UnitsB, int Matched,
    long CodedCharactersA, long CodedCharactersB, long CodedCharactersBoth, long CodedCharactersEither,
    IReadOnlyList<VariableAgreement> Variables, IReadOnlyList<Disagreement> Disagreements)
{
    /// <summary>Disagreements a review decided, with nothing changed since the reviewer saw it.</summary>
    public int Resolved => Disagreements.Count(d => d.Resolved);

    /// <summary>Unitizing agreement: characters both coders coded over characters either coded (Jaccard); null when nobody coded anything.</summary>

    public double? TextOverlap => CodedCharactersEither == 0 ? null : CodedCharactersBoth / (double)CodedCharactersEither;
}
