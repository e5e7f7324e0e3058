using System.Text;
using Microsoft.AspNetCore.Http;

namespace Graph.Web.Coding;

/// <summary>
/// Who is asking, as the server's authentication decided (it puts this into <see cref="HttpContext.Items"/>): the
/// user's name and whether the role may write. The coding workspace records <see cref="Coder"/> on every stance saved.
/// </summary>
public sealed record WebUser(string Name, bool CanWrite)
{
    public const string ItemKey = "graph.web.user";

    /// <summary>Who codes when the server runs without authentication (--no-auth): anyone who reaches it may write.</summary>
    public static WebUser Anonymous { get; } = new("local", CanWrite: true);

    /// <summary>The request's user; <see cref="Anonymous"/> when the server authenticates nobody.</summary>
    public static WebUser Of(HttpContext context) => context.Items[ItemKey] as WebUser ?? Anonymous;

    /// <summary>The coder id graph-data records: the user name as a slug ("Ana María" → "ana-maria"); null when nothing is left.</summary>
    public string? Coder
    {
        get
        {
            var builder = new StringBuilder();
            foreach (var c in Name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
            {
                if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
                if (c is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(c);
                else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            }
            var slug = builder.ToString().Trim('-');
            return slug.Length == 0 ? null : slug;
        }
    }
}
