using Microsoft.Extensions.Configuration;
using Quickenshtein;

namespace Graph.Server;

/// <summary>
/// Where <c>graph serve</c> takes its settings from, later sources winning: appsettings.json in the
/// working directory (optional), environment variables prefixed GRAPH_ (GRAPH_Server__Port=8080,
/// GRAPH_Server__Users__0__Name=alice, ...), then the command line's options.
/// </summary>
public static class ServerConfiguration
{
    public const string EnvironmentPrefix = "GRAPH_";

    private static readonly string[] UserKeys = ["Name", "Password", "Role"];

    public static IConfiguration Load(string? settingsFile = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        var file = settingsFile ?? Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        builder.AddJsonFile(Path.GetFullPath(file), optional: settingsFile is null, reloadOnChange: false);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null) builder.AddInMemoryCollection(overrides);
        return builder.Build();
    }

    /// <summary>
    /// Binds section "Server" strictly: an unknown setting, a value of the wrong type, an unknown role or a user
    /// without a password throws <see cref="ArgumentException"/> naming the setting (nothing is dropped with a warning).
    /// </summary>
    /// <param name="configuration">Settings from <see cref="Load"/>.</param>
    /// <param name="commandLineUsers">Users given with <c>--user</c>, added to those of the settings before validation.</param>
    public static ServerOptions Bind(IConfiguration configuration, IEnumerable<ServerUser>? commandLineUsers = null)
    {
        var section = configuration.GetSection(ServerOptions.SectionName);
        var names = SettingNames().ToList();
        foreach (var key in section.GetChildren().Select(c => c.Key))
            if (!names.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"Server:{key} is not a setting{Suggest(key, names)}. The settings are: {string.Join(", ", names)}.");
        var options = new ServerOptions();
        try
        {
            // Users are read below, by hand: the binder skips a list element it cannot convert without a word.
            var settings = new ConfigurationBuilder()
                .AddInMemoryCollection(section.AsEnumerable(makePathsRelative: true)
                    .Where(p => p.Value is not null && !p.Key.StartsWith("Users", StringComparison.OrdinalIgnoreCase))
                    .Select(p => new KeyValuePair<string, string?>($"{ServerOptions.SectionName}:{p.Key}", p.Value)))
                .Build();
            settings.GetSection(ServerOptions.SectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"A Server setting has a value of the wrong type: {Unwrap(e)}", e);
        }
        options.Users = ReadUsers(section.GetSection("Users"));
        options.Users.AddRange(commandLineUsers ?? []);
        options.Validate();
        return options;
    }

    private static List<ServerUser> ReadUsers(IConfigurationSection users)
    {
        var list = new List<ServerUser>();
        foreach (var entry in users.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            var at = $"Server:Users:{entry.Key}";
            if (!int.TryParse(entry.Key, out _))
                throw new ArgumentException($"{at} is not a list entry: write Server:Users as a list ([{{\"Name\": ..., \"Password\": ..., \"Role\": \"reader\"}}]) or GRAPH_Server__Users__0__Name.");
            foreach (var key in entry.GetChildren().Select(c => c.Key))
                if (!UserKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                    throw new ArgumentException($"{at}:{key} is not a user setting; a user has {string.Join(", ", UserKeys)}.");
            var roleText = entry["Role"];
            var role = ServerRole.Editor;
            if (roleText is not null)
                role = ServerUser.ParseRole(roleText) ?? throw new ArgumentException(
                    $"{at}:Role is '{roleText}', which is not a role: use {string.Join(" or ", ServerUser.RoleNames)}.");
            list.Add(new ServerUser { Name = entry["Name"] ?? "", Password = entry["Password"] ?? "", Role = role });
        }
        return list;
    }

    private static IEnumerable<string> SettingNames() =>
        typeof(ServerOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name);

    private static string Suggest(string key, IEnumerable<string> names)
    {
        var closest = names.MinBy(name => Levenshtein.GetDistance(key.ToLowerInvariant(), name.ToLowerInvariant()));
        return closest is not null && Levenshtein.GetDistance(key.ToLowerInvariant(), closest.ToLowerInvariant()) <= 3 ? $" (did you mean {closest}?)" : "";
    }

    private static string Unwrap(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException) message += " " + inner.Message;
        return message.TrimEnd('.') + ".";
    }
}
