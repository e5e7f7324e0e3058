using Graph.Client;
using Graph.Core;
using Graph.Core.Diagnostics;
using Graph.Core.Reading;
using Graph.Core.Validation;

namespace Graph.Ingestion.Planning;

/// <summary>
/// Reads and validates only some documents (and the registry when it changed), checking what they refer to against
/// the store: the ids they use that the read does not define, and the session ids other documents hold. The manifest
/// guarantees the store holds exactly the unread part of graph-data, so this is the same check a whole read makes.
/// </summary>
public static class PartialRead
{
    public static async Task<GraphDataResult> LoadAsync(IQueryRunner runner, CypherScripts scripts, string directory, GraphDataSelection selection,
        IEnumerable<string> allDocuments, IReadOnlyList<string> scopedDocuments, GraphDataOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var data = new GraphDataReader(diagnostics, options).Read(directory, selection);
        var known = new KnownIds();
        known.Documents.UnionWith(allDocuments);
        var experts = new HashSet<string>(StringComparer.Ordinal);
        var claims = new HashSet<string>(StringComparer.Ordinal);
        if (!data.HasRegistry)
            foreach (var document in data.Documents)
            {
                foreach (var stance in document.AllStances)
                {
                    experts.Add(stance.Expert.Id);
                    claims.Add(stance.Claim.Id);
                }
                foreach (var session in document.Sessions) experts.UnionWith(session.Moderators.Concat(session.Speakers).Select(r => r.Id));
                foreach (var role in document.Roles) experts.Add(role.Expert.Id);
            }
        var parameters = new Dictionary<string, object?>
        {
            ["experts"] = experts.Cast<object?>().ToList(),
            ["claims"] = claims.Cast<object?>().ToList(),
            ["sessions"] = data.Sessions.Select(s => (object?)s.Id).ToList(),
            ["documents"] = scopedDocuments.Cast<object?>().ToList(),
        };
        foreach (var r in (await runner.RunAsync(scripts.Get("ingest/read/known-ids.cypher").Single(), parameters, cancellationToken)).Records)
        {
            var id = (string)r["id"]!;
            switch ((string)r["label"]!)
            {
                case "Expert": known.Experts.Add(id); break;
                case "Claim": known.Claims.Add(id); break;
                case "Session": known.SessionsElsewhere[id] = (string)r["source"]!; break;
            }
        }
        new GraphDataValidator(diagnostics, options).Validate(data, known);
        return new GraphDataResult(data, diagnostics.Items);
    }
}
