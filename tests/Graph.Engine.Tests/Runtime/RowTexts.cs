using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>A result as lines of text, for comparing a rewritten plan's rows with the plain plan's.</summary>
internal static class RowTexts
{
    /// <summary>The rows in the order the statement produced them.</summary>
    public static List<string> InOrder(QueryResult result) => result.Records.Select(r => string.Join("|", r.Values.Select(ReadPlanShapeTests.Show))).ToList();

    /// <summary>The rows sorted (order aside).</summary>
    public static List<string> Sorted(QueryResult result) => InOrder(result).Order(StringComparer.Ordinal).ToList();
}
