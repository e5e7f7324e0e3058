using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Graph.Cli;

/// <summary>
/// Where a running <c>graph serve</c> listens, written next to the store's LOCK file while it holds the store
/// (<c>serve.json</c>: process id, HTTP and Bolt addresses, whether it asks for a login; never a password), so a
/// command that finds the store locked can go through that server instead.
/// </summary>
public sealed record ServerAddressFile(int ProcessId, string? Http, string? Bolt, bool Authentication)
{
    public const string FileName = "serve.json";

    public static string PathIn(string databaseDirectory) => Path.Combine(databaseDirectory, FileName);

    public void Write(string databaseDirectory)
    {
        var json = new JsonObject
        {
            ["pid"] = ProcessId,
            ["http"] = Http,
            ["bolt"] = Bolt,
            ["authentication"] = Authentication,
        };
        var path = PathIn(databaseDirectory);
        File.WriteAllText(path + ".tmp", json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The file of a server that is still running; null when there is none (or it is left over from a server that died).</summary>
    public static ServerAddressFile? TryRead(string databaseDirectory)
    {
        var path = PathIn(databaseDirectory);
        try
        {
            if (!File.Exists(path)) return null;
            var json = JsonNode.Parse(File.ReadAllText(path));
            if (json?["pid"]?.GetValue<int>() is not { } pid || !IsRunning(pid)) return null;
            return new ServerAddressFile(pid, json["http"]?.GetValue<string>(), json["bolt"]?.GetValue<string>(),
                json["authentication"]?.GetValue<bool>() ?? false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return null; // unreadable: behave as if there were none (the lock error stands)
        }
    }

    public static void Delete(string databaseDirectory)
    {
        try { File.Delete(PathIn(databaseDirectory)); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
