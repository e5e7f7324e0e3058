using System.Globalization;
using System.Text;

namespace Graph.Queries.Text;

/// <summary>Folds names for matching: no accents, lower case, punctuation as spaces ("Raúl Delgado-Wise" -> "raul delgado wise").</summary>
public static class NameText
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            var folded = FoldLetter(ch);
            if (char.IsLetterOrDigit(folded))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                sb.Append(char.ToLowerInvariant(folded));
            }
            else if (folded is not '\'' and not '’')
            {
                // Apostrophes join ("O'Neill" -> "oneill"); everything else separates words.
                pendingSpace = true;
            }
        }
        return sb.ToString();
    }

    public static IReadOnlyList<string> Tokens(string text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // The base letter of every character in Latin-1 Supplement (U+00C0..U+00FF) and Latin Extended-A
    // (U+0100..U+017F). Needed because the build runs with InvariantGlobalization, where string.Normalize does
    // not decompose accented letters. '*' marks the two symbols of that range (multiplication, division).
    private const string Latin1 = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
    private const string LatinExtendedA =
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

    private static char FoldLetter(char ch) => ch switch
    {
        >= '\u00C0' and <= '\u00FF' when Latin1[ch - 0xC0] != '*' => Latin1[ch - 0xC0],
        >= '\u0100' and <= '\u017F' => LatinExtendedA[ch - 0x100],
        _ => ch,
    };
}
