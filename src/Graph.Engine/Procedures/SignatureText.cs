namespace Graph.Engine.Procedures;

/// <summary>Bracket-aware splitting of signature texts ("name(a :: LIST&lt;STRING&gt;, b :: INTEGER) :: ...").</summary>
internal static class SignatureText
{
    /// <summary>The index of the ')' that closes the '(' at <paramref name="open"/>, or -1.</summary>
    public static int MatchingParenthesis(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>Splits on commas outside angle brackets and parentheses.</summary>
    public static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<' or '(': depth++; break;
                case '>' or ')': depth--; break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return text[start..];
    }
}
