using Graph.Client;
using Graph.Engine.Driver;

namespace Graph.Engine.Tests.Runtime;

/// <summary>Helpers to run statements against a fresh in-memory engine.</summary>
internal static class Engine
{
    public static EmbeddedDriver New(EngineOptions? options = null) => EmbeddedDriver.InMemory(options);

    /// <summary>A fresh engine holding the graph that <paramref name="create"/> makes.</summary>
    public static async Task<EmbeddedDriver> NewWith(string create)
    {
        var driver = New();
        await driver.Run(create);
        return driver;
    }

    public static async Task<QueryResult> Run(this EmbeddedDriver driver, string query, object? parameters = null, CancellationToken ct = default)
    {
        await using var session = driver.AsyncSession();
        return await session.RunAsync(query, ToMap(parameters), ct);
    }

    /// <summary>Runs the statement under PROFILE: its result, its plan and what each operator did in this execution.</summary>
    public static async Task<ProfiledRun> Profile(this EmbeddedDriver driver, string query, object? parameters = null)
    {
        await using var session = (EmbeddedSession)driver.AsyncSession();
        return session.RunProfiled(query, ToMap(parameters));
    }

    public static async Task<object?> Scalar(this EmbeddedDriver driver, string query, object? parameters = null)
    {
        var result = await driver.Run(query, parameters);
        return result.Single()[0];
    }

    public static IReadOnlyDictionary<string, object?>? ToMap(object? parameters) => parameters switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> d => d,
        _ => parameters.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(parameters)),
    };
}
