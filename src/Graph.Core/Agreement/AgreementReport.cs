namespace Graph.Core.Agreement;

/// <summary>How two coders' codings of one document agree.</summary>
public sealed record AgreementReport(
    string Document, string CoderA, string CoderB, int UnitsA, int UnitsB, int Matched,
    long CodedCharactersA, long CodedCharactersB, long CodedCharactersBoth, long CodedCharactersEither,
    IReadOnlyList<VariableAgreement> Variables, IReadOnlyList<Disagreement> Disagreements)
{
    /// <summary>Unitizing agreement: characters both coders coded over characters either coded (Jaccard); null when nobody coded anything.</summary>
    public int Resolved => Disagreements.Count(d => d.Review is not null);

    public double? TextOverlap => CodedCharactersEither == 0 ? null : CodedCharactersBoth / (double)CodedCharactersEither;
}
