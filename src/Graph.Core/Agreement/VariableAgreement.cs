namespace Graph.Core.Agreement;

/// <summary>Agreement on one variable of the matched units.</summary>
public sealed record VariableAgreement(string Variable, int Units, double Observed, double? Kappa, double? Alpha);
