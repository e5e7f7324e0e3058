using System.Text.RegularExpressions;

namespace Graph.Web.Tests;

/// <summary>
/// The Code and Review pages are served with the one shared page header (static/coding-header.html) and head
/// (static/coding-head.html) put in: the same navigation on both, each marking its own link, no marker left.
/// </summary>
public sealed partial class CodingPagesTests(CodingFixture fixture) : IClassFixture<CodingFixture>
{
    [Fact]
    public async Task Both_pages_carry_the_one_header_with_their_own_link_marked()
    {
        using var http = fixture.Http(CodingFixture.Reader);
        var code = await http.GetStringAsync("/code");
        var review = await http.GetStringAsync("/review");
        foreach (var page in new[] { code, review })
        {
            Assert.DoesNotContain("<!-- coding", page);
            Assert.Contains("<link rel=\"stylesheet\" href=\"/static/code.css\">", page);
            Assert.Single(Header().Matches(page));
        }
        Assert.Contains("<a href=\"/code\" id=\"code-link\" data-page=\"code\" class=\"active\" aria-current=\"page\">Code</a>", code);
        Assert.Contains("<a href=\"/review\" id=\"review-nav\" data-page=\"review\">Review</a>", code);
        Assert.Contains("<a href=\"/review\" id=\"review-nav\" data-page=\"review\" class=\"active\" aria-current=\"page\">Review</a>", review);
        // Apart from which link is current, the two headers are the same markup.
        static string Plain(string page) => Header().Match(page).Value.Replace(" class=\"active\" aria-current=\"page\"", "", StringComparison.Ordinal);
        Assert.Equal(Plain(code), Plain(review));
    }

    [GeneratedRegex("<header>.*?</header>", RegexOptions.Singleline)]
    private static partial Regex Header();
}
