namespace Graph.Core.Reading;

/// <summary>
/// Keeps every path graph-data names inside the data folder: a relative path that climbs out (<c>../../etc/passwd</c>)
/// or a symbolic link (file or folder, anywhere on the way) that points outside is refused before anything is read.
/// Links that stay inside the folder are allowed. The check resolves links itself, component by component, so it
/// does not depend on the platform's realpath.
/// </summary>
public sealed class DataFolder
{
    private const int MaxLinks = 40;   // as Linux's ELOOP limit: a cycle of links is refused, not followed forever

    public DataFolder(string root)
    {
        Root = Path.GetFullPath(root);
        // The folder itself may be reached through a link (a checkout under /home -> /data); its real path is the fence.
        RealRoot = TryResolve(Root, out var real) ? real : Root;
    }

    /// <summary>The folder as given (absolute).</summary>
    public string Root { get; }

    /// <summary>The folder with every link resolved.</summary>
    public string RealRoot { get; }

    /// <summary>
    /// The full path of <paramref name="path"/> (absolute, or relative to <paramref name="relativeTo"/>) when it stays
    /// inside the data folder; otherwise null and <paramref name="problem"/> says why, without revealing where a
    /// link points.
    /// </summary>
    public string? Confine(string path, string? relativeTo, out string? problem)
    {
        problem = null;
        var full = Path.GetFullPath(relativeTo is null ? path : Path.Combine(relativeTo, path));
        if (!IsInside(full, Root))
        {
            problem = "the path leads outside the graph-data folder; graph-data reads only files inside its own folder";
            return null;
        }
        if (!TryResolve(full, out var real))
        {
            problem = "the path goes through a cycle of symbolic links";
            return null;
        }
        if (!IsInside(real, RealRoot))
        {
            problem = "the path is a symbolic link (or goes through one) that points outside the graph-data folder; graph-data reads only files inside its own folder";
            return null;
        }
        return full;
    }

    /// <summary>True when <paramref name="path"/> is (or goes through) a link that leaves the folder.</summary>
    public bool LeavesFolder(string path) => Confine(path, null, out _) is null;

    private static bool IsInside(string path, string root)
    {
        var r = root.TrimEnd(Path.DirectorySeparatorChar);
        return path == r || path.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The path with every symbolic link resolved; components that do not exist are kept as they are.</summary>
    private static bool TryResolve(string fullPath, out string resolved)
    {
        var links = 0;
        resolved = fullPath;
        var pending = new Stack<string>(Split(fullPath).Reverse());
        var current = Path.GetPathRoot(fullPath) ?? "/";
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                if (++links > MaxLinks) return false;
                var targetFull = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
                foreach (var p in Split(targetFull).Reverse()) pending.Push(p);
                current = Path.GetPathRoot(targetFull) ?? "/";
                continue;
            }
            current = next;
        }
        resolved = current;
        return true;
    }

    private static IEnumerable<string> Split(string path) =>
        path[(Path.GetPathRoot(path)?.Length ?? 0)..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
