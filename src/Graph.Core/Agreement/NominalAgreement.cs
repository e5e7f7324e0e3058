namespace Graph.Core.Agreement;

/// <summary>
/// Chance-corrected agreement of two coders on a nominal variable, over units both coded (one value per coder and
/// unit, no missing values): Cohen's kappa and Krippendorff's alpha. Both are null when undefined (every value the
/// same, so chance agreement is perfect and there is nothing to correct).
/// </summary>
public static class NominalAgreement
{
    /// <summary>Share of units on which both coders chose the same value.</summary>
    public static double Observed(IReadOnlyList<(string A, string B)> units) =>
        units.Count == 0 ? double.NaN : units.Count(u => u.A == u.B) / (double)units.Count;

    /// <summary>
    /// Cohen's kappa: (p_o - p_e) / (1 - p_e), where p_e = Σ_k p_A(k) p_B(k) uses each coder's own distribution of
    /// values (Cohen 1960).
    /// </summary>
    public static double? CohenKappa(IReadOnlyList<(string A, string B)> units)
    {
        if (units.Count == 0) return null;
        double n = units.Count;
        var a = units.GroupBy(u => u.A).ToDictionary(g => g.Key, g => g.Count() / n);
        var b = units.GroupBy(u => u.B).ToDictionary(g => g.Key, g => g.Count() / n);
        var expected = a.Sum(p => p.Value * b.GetValueOrDefault(p.Key));
        if (expected >= 1 - 1e-12) return null;
        return (Observed(units) - expected) / (1 - expected);
    }

    /// <summary>
    /// Krippendorff's alpha for nominal data: 1 - (n - 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k, from the coincidence
    /// matrix of pairable values (n = 2 × units; each unit with two values adds one to o_ck and one to o_kc;
    /// Krippendorff 2011, "Computing Krippendorff's alpha-reliability"). Unlike kappa it pools both coders' values
    /// for the expected disagreement.
    /// </summary>
    public static double? KrippendorffAlpha(IReadOnlyList<(string A, string B)> units)
    {
        if (units.Count == 0) return null;
        var n = 2.0 * units.Count;
        var observedDisagreements = 2.0 * units.Count(u => u.A != u.B);   // o_ck + o_kc per disagreeing unit
        var totals = units.SelectMany(u => new[] { u.A, u.B }).GroupBy(v => v).Select(g => (double)g.Count()).ToList();
        var expectedPairs = n * n - totals.Sum(t => t * t);              // Σ_{c≠k} n_c n_k
        if (expectedPairs <= 0) return null;
        return 1 - (n - 1) * observedDisagreements / expectedPairs;
    }
}
