using Graph.Tck.Features;

namespace Graph.Tck.UnitTests;

public class FeatureLoaderTests
{
    private const string Feature = """"
        Feature: Sample - things

          Background:
            Given an empty graph

          Scenario: [1] Plain
            When executing query:
              """
              RETURN 1 AS x
              """
            Then the result should be, in any order:
              | x |
              | 1 |
            And no side effects

          @ignore
          Scenario Outline: [2] Outline <kind>
            When executing query:
              """
              RETURN <value> AS v
              """
            Then the result should be, in any order:
              | v        |
              | <result> |

            Examples:
              | kind | value | result |
              | int  | 1     | 1      |
              | str  | 'a'   | 'a'    |

            Examples:
              | kind | value | result  |
              | pipe | 'a\|b' | 'a\|b' |
        """";

    [Fact]
    public void Expands_outlines_once_per_example_row_and_prepends_the_background()
    {
        var scenarios = FeatureLoader.Parse(Feature, "x/Sample.feature");
        Assert.Equal(4, scenarios.Count);

        var plain = scenarios[0];
        Assert.Equal("x/Sample.feature: [1] Plain", plain.Id);
        Assert.Null(plain.ExampleIndex);
        Assert.Equal(["an empty graph", "executing query:", "the result should be, in any order:", "no side effects"], plain.Steps.Select(s => s.Text));
        Assert.Equal("RETURN 1 AS x", plain.Steps[1].DocString);
        Assert.Equal([["x"], ["1"]], plain.Steps[2].Table!);

        Assert.Equal([1, 2, 3], scenarios.Skip(1).Select(s => s.ExampleIndex!.Value));
        var second = scenarios[2];
        Assert.Equal("x/Sample.feature: [2] Outline str #2", second.Id);
        Assert.True(second.IsIgnored);
        Assert.Equal("an empty graph", second.Steps[0].Text);
        Assert.Equal("RETURN 'a' AS v", second.Steps[1].DocString);
        Assert.Equal([["v"], ["'a'"]], second.Steps[2].Table!);
    }

    [Fact]
    public void Table_cells_are_unescaped_by_gherkin()
    {
        var scenarios = FeatureLoader.Parse(Feature, "x/Sample.feature");
        Assert.Equal("RETURN 'a|b' AS v", scenarios[3].Steps[1].DocString);
    }

    [Fact]
    public void A_malformed_feature_names_the_file_and_line()
    {
        var e = Assert.Throws<FeatureLoadException>(() => FeatureLoader.Parse("Feature: F\n  Scenario: S\n    Given x\n  | a |\n  nonsense here\n", "bad.feature"));
        Assert.StartsWith("bad.feature:", e.Message);
    }
}
