namespace Graph.Engine.Planning;

/// <summary>Splits an operator's <see cref="Execution.PlanOperator.Describe"/> text, "Name(details)", into its parts.</summary>
internal static class OperatorText
{
    public static (string Name, string Details) Split(string describe)
    {
        var open = describe.IndexOf('(');
        if (open < 0 || !describe.EndsWith(')')) return (describe, "");
        var name = describe[..open];
        var details = describe[(open + 1)..^1];
        // "Expand(Into)(...)", "VarLengthExpand(distinct ends)(...)": a parenthesized mode before the details
        var close = Procedures.SignatureText.MatchingParenthesis(describe, open);
        if (close > 0 && close < describe.Length - 1 && describe[close + 1] == '(')
        {
            name = describe[..(close + 1)];
            details = describe[(close + 2)..^1];
        }
        return (name, details);
    }

    /// <summary>The label of "n:Label" / "n:Label {key}" details.</summary>
    public static string? LabelOf(string details)
    {
        var colon = details.IndexOf(':');
        if (colon < 0) return null;
        var rest = details[(colon + 1)..];
        var end = rest.IndexOfAny([' ', '{', ')']);
        return end < 0 ? rest : rest[..end];
    }
}
