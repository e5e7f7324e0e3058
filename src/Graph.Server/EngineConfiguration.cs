using System.Globalization;
using Graph.Engine;
using Microsoft.Extensions.Configuration;

namespace Graph.Server;

/// <summary>
/// The embedded engine's limits for <c>graph serve</c>, from the configuration section "Engine" (appsettings.json,
/// GRAPH_Engine__QueryMemoryLimit=512MiB, ...). Unset settings keep the engine's defaults (src/Graph.Engine/README.md, "Limits").
/// </summary>
public static class EngineConfiguration
{
    public const string SectionName = "Engine";

    /// <summary>Reads the section; throws <see cref="ArgumentException"/> naming a setting that is malformed or out of range.</summary>
    public static EngineOptions Bind(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = new EngineOptions();
        return new EngineOptions
        {
            QueryMemoryLimit = section["QueryMemoryLimit"] is { } memory ? ParseMemoryLimit(memory) : defaults.QueryMemoryLimit,
            MaxPlanDepth = Int(section, "MaxPlanDepth", defaults.MaxPlanDepth, 16, 100_000),
            MaxVariableLengthDepth = Int(section, "MaxVariableLengthDepth", defaults.MaxVariableLengthDepth, 1, 10_000),
        };
    }

    /// <summary>
    /// The engine settings of <c>graph serve</c>: the "Engine" section, plus what follows from the server's settings (the
    /// one place where they reach the engine). The server's query time limit becomes the engine's default, so that the
    /// web view's queries are bounded like the Query API's; Server:WriteLockTimeout, when set, is how long a writer waits
    /// for the store's single write lock.
    /// </summary>
    public static EngineOptions Bind(IConfiguration configuration, ServerOptions server) => Bind(configuration) with
    {
        QueryTimeout = server.QueryTimeLimit,
        WriteLockTimeout = server.WriteLockTimeout ?? new EngineOptions().WriteLockTimeout,
    };

    /// <summary>Bytes, or a number with a binary unit (KiB, MiB, GiB; K/KB, M/MB, G/GB mean the same, as in Neo4j), or "unlimited".</summary>
    public static long? ParseMemoryLimit(string text)
    {
        var value = text.Trim();
        if (value.Equals("unlimited", StringComparison.OrdinalIgnoreCase)) return null;
        var digits = value.TakeWhile(char.IsAsciiDigit).Count();
        var unit = value[digits..].Trim().ToUpperInvariant();
        long? multiplier = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => null,
        };
        if (digits == 0 || multiplier is null || !long.TryParse(value[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > long.MaxValue / multiplier)
            throw new ArgumentException($"Engine:QueryMemoryLimit '{text}' is not a size: give bytes or a number with KiB, MiB or GiB (e.g. 512MiB), or unlimited.");
        var bytes = number * multiplier.Value;
        if (bytes < 1L << 20)
            throw new ArgumentException($"Engine:QueryMemoryLimit '{text}' is below 1 MiB, too little for any statement; the default is a quarter of the memory available.");
        return bytes;
    }

    private static int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        if (section[key] is not { } text) return fallback;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"Engine:{key} '{text}' must be a whole number from {min:N0} to {max:N0} (default {fallback:N0}).");
        return value;
    }
}
