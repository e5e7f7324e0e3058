namespace Graph.Core.Tests;

/// <summary>
/// The fictional Harbour Forum with its 2019 document coded by two coders into stances.yaml (as two editors of the
/// Code page would): a copy of tests/Fixtures/harbour-forum/graph-data without the independent codings, and
/// stances.yaml from tests/Fixtures/harbour-forum/review/.
/// </summary>
public static class TwoCoderFixture
{
    public static void Prepare(string root)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum");
        var data = Path.Combine(root, "graph-data");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(fixtures, "graph-data"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(data, Path.GetRelativePath(Path.Combine(fixtures, "graph-data"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var document = Path.Combine(data, "documents", "harbour-forum-2019");
        Directory.Delete(Path.Combine(document, "codings"), recursive: true);
        File.Copy(Path.Combine(fixtures, "review", "stances.yaml"), Path.Combine(document, "stances.yaml"), overwrite: true);
    }
}
