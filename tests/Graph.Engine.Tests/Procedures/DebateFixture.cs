using Graph.Client;
using Graph.Engine.Tests.Runtime;
using TestEngine = Graph.Engine.Tests.Runtime.Engine;

namespace Graph.Engine.Tests.Procedures;

/// <summary>A small fictional debate: two experts, one person, two claims, an institution.</summary>
internal static class DebateFixture
{
    public const string Create = """
        CREATE (ada:Expert:Person {name: 'Ada Quill', born: 1971}),
               (bram:Expert {name: 'Bram Oduya'}),
               (cy:Person {name: 'Cy Marlow'}),
               (c1:Claim {id: 'c1', text: 'Open borders raise wages'}),
               (c2:Claim {id: 'c2', text: 'Remittances fund schools', weight: 0.5}),
               (inst:Institution {name: 'Lumen Institute', tags: ['think-tank']}),
               (ada)-[:ENDORSES {confidence: 1.0}]->(c1),
               (bram)-[:CRITICIZES]->(c1),
               (bram)-[:ENDORSES {confidence: 0.5}]->(c2),
               (ada)-[:AFFILIATED_WITH]->(inst)
        """;

    public static async Task<EmbeddedDriver> New()
    {
        var driver = TestEngine.New();
        await driver.Run(Create);
        return driver;
    }

    /// <summary>Runs a statement in a session with the given config.</summary>
    public static async Task<QueryResult> RunAs(this EmbeddedDriver driver, SessionConfig config, string query, object? parameters = null)
    {
        await using var session = driver.AsyncSession(config);
        return await session.RunAsync(query, TestEngine.ToMap(parameters));
    }

    public static List<object?> Column(this QueryResult result, string key) => result.Records.Select(r => r[key]).ToList();
}
