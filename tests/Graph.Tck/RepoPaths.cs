namespace Graph.Tck;

/// <summary>Finds the repository (the folder holding Graph.sln) and the shared TCK next to it.</summary>
public static class RepoPaths
{
    public static string? FindRepoRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>../shared/tck/features relative to the repository root (as in CI).</summary>
    public static string SharedFeatures(string repoRoot) => Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "tck", "features"));

    public static string KnownFailuresFile(string repoRoot) => Path.Combine(repoRoot, "tests", "Graph.Tck", "known-failures.txt");
}
