using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>A result as sorted lines of text, for comparing a rewritten plan's rows with the plain plan's (order aside).</summary>
internal static class RowTexts
{
    public static List<string> Sorted(QueryResult result) =>
        result.Records.Select(r => string.Join("|", r.Values.Select(ReadPlanShapeTests.Show))).Order(StringComparer.Ordinal).ToList();
}
