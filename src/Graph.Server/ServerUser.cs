namespace Graph.Server;

/// <summary>A user of basic authentication and the role that decides what it may do.</summary>
public sealed class ServerUser
{
    public string Name { get; set; } = "";
    public string Password { get; set; } = "";
    public ServerRole Role { get; set; } = ServerRole.Editor;

    /// <summary>The role names a setting or <c>--user</c> may use.</summary>
    public static readonly IReadOnlyList<string> RoleNames = ["reader", "editor"];

    /// <summary>Neo4j's name of the role ("reader", "editor").</summary>
    public string RoleName => Role == ServerRole.Reader ? "reader" : "editor";

    /// <summary>A role by its name (case-insensitive); null when there is no such role.</summary>
    public static ServerRole? ParseRole(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "reader" => ServerRole.Reader,
        "editor" => ServerRole.Editor,
        _ => null,
    };

    /// <summary>
    /// <c>--user name:password[:role]</c>. Exactly one or two colons: a password that contains ':' goes in
    /// appsettings.json or GRAPH_Server__Users__N__Password, so that a mistyped role can never become part of a password.
    /// </summary>
    public static ServerUser FromCommandLine(string text)
    {
        var parts = text.Split(':');
        const string Hint = "Use --user name:password or --user name:password:reader (a password containing ':' goes in appsettings.json or GRAPH_Server__Users__N__Password).";
        if (parts.Length is < 2 or > 3)
            throw new ArgumentException($"--user '{Mask(text)}' is not name:password or name:password:role. {Hint}");
        if (parts[0].Length == 0) throw new ArgumentException($"--user '{Mask(text)}' has no name. {Hint}");
        if (parts[1].Length == 0) throw new ArgumentException($"--user '{parts[0]}:' has no password. {Hint}");
        var role = ServerRole.Editor;
        if (parts.Length == 3)
            role = ParseRole(parts[2]) ?? throw new ArgumentException(
                $"--user '{parts[0]}:***:{parts[2]}': '{parts[2]}' is not a role; the roles are {string.Join(" and ", RoleNames)}. {Hint}");
        return new ServerUser { Name = parts[0], Password = parts[1], Role = role };
    }

    // Passwords never reach a message or a log.
    private static string Mask(string text) => text.IndexOf(':') is var colon and > 0 ? text[..colon] + ":***" : text.Length == 0 ? "" : "***";
}
