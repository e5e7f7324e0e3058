namespace Graph.Queries.Analysis;

/// <summary>One pair of experts in the matrix (Row &lt; Column, indices into <see cref="AgreementMatrix.Order"/>).</summary>
public sealed record MatrixCell(int Row, int Column, PairCounts Counts, double Score, IReadOnlyList<string> AgreeClaims, IReadOnlyList<string> DisagreeClaims);
