using System.Globalization;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Functions;
using Graph.Engine.Procedures;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The columns (all of them, and those returned without YIELD) and rows of SHOW DATABASES, PROCEDURES, FUNCTIONS and
/// CURRENT USER, as Neo4j 5 documents them.
/// </summary>
internal sealed class ShowListings(ProcedureRegistry procedures, DatabaseInfo database, DateTimeOffset started)
{
    public sealed record Listing(string Operator, string[] Columns, string[] DefaultColumns, Func<QueryContext, IEnumerable<object?[]>> Rows);

    public Listing For(ShowCommand show) => show.Kind switch
    {
        ShowKind.Databases => Databases(show.Name, includeDefaultAndHome: true),
        ShowKind.DefaultDatabase or ShowKind.HomeDatabase => Databases(null, includeDefaultAndHome: false),
        ShowKind.Procedures => Procedures(),
        ShowKind.Functions => Functions(userDefinedOnly: false),
        ShowKind.UserDefinedFunctions => Functions(userDefinedOnly: true),
        ShowKind.CurrentUser => CurrentUser(),
        _ => throw new ArgumentOutOfRangeException(nameof(show), show.Kind, "unknown SHOW listing"),
    };

    // ------------------------------------------------------------------ databases

    private static readonly string[] DatabaseColumns =
    [
        "name", "type", "aliases", "access", "databaseID", "serverID", "address", "role", "writer", "requestedStatus", "currentStatus",
        "statusMessage", "default", "home", "currentPrimariesCount", "currentSecondariesCount", "requestedPrimariesCount",
        "requestedSecondariesCount", "creationTime", "lastStartTime", "lastStopTime", "store", "lastCommittedTxn", "replicationLag",
        "constituents", "options",
    ];

    private static readonly string[] DatabaseDefaultColumns =
        ["name", "type", "aliases", "access", "address", "role", "writer", "requestedStatus", "currentStatus", "statusMessage", "default", "home", "constituents"];

    /// <summary>
    /// The one database the engine serves, named neo4j (plus the name the session addressed it by, as an alias).
    /// SHOW DEFAULT/HOME DATABASE have no default and home columns, as in Neo4j.
    /// </summary>
    private Listing Databases(string? name, bool includeDefaultAndHome)
    {
        var columns = includeDefaultAndHome ? DatabaseColumns : DatabaseColumns.Where(c => c is not ("default" or "home")).ToArray();
        var defaults = includeDefaultAndHome ? DatabaseDefaultColumns : DatabaseDefaultColumns.Where(c => c is not ("default" or "home")).ToArray();
        return new Listing("ShowDatabases", columns, defaults, ctx =>
        {
            var aliases = new List<object?>();
            if (!string.Equals(ctx.Database, database.Name, StringComparison.OrdinalIgnoreCase)) aliases.Add(ctx.Database);
            if (name is not null && !string.Equals(name, database.Name, StringComparison.OrdinalIgnoreCase) && !aliases.Contains(name))
                return [];
            var values = new Dictionary<string, object?>
            {
                ["name"] = database.Name,
                ["type"] = "standard",
                ["aliases"] = aliases,
                ["access"] = "read-write",
                ["databaseID"] = database.Id,
                ["serverID"] = database.Id[..32],
                ["address"] = null, // where a server exposes the engine is the server's business
                ["role"] = "primary",
                ["writer"] = true,
                ["requestedStatus"] = "online",
                ["currentStatus"] = "online",
                ["statusMessage"] = "",
                ["default"] = true,
                ["home"] = true,
                ["currentPrimariesCount"] = 1L,
                ["currentSecondariesCount"] = 0L,
                ["requestedPrimariesCount"] = null,
                ["requestedSecondariesCount"] = null,
                ["creationTime"] = database.CreationDateText,
                ["lastStartTime"] = Iso(started),
                ["lastStopTime"] = null,
                ["store"] = "graph-embedded-1",
                ["lastCommittedTxn"] = null,
                ["replicationLag"] = 0L,
                ["constituents"] = new List<object?>(),
                ["options"] = new Dictionary<string, object?>(),
            };
            return [columns.Select(c => values[c]).ToArray()];
        });
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ procedures

    private static readonly string[] ProcedureColumns =
    [
        "name", "description", "mode", "worksOnSystem", "signature", "argumentDescription", "returnDescription", "admin",
        "rolesExecution", "rolesBoostedExecution", "isDeprecated", "deprecatedBy", "option",
    ];

    private Listing Procedures() => new("ShowProcedures", ProcedureColumns, ["name", "description", "mode", "worksOnSystem"], _ =>
        procedures.All.Select(p => new object?[]
        {
            p.Name, p.Description, p.Mode.ToString().ToUpperInvariant(), p.WorksOnSystem, p.Signature,
            p.Inputs.Select(i => (object?)FieldDescription(i.Name, i.Type.ToString(), i.HasDefault ? Graph.Client.ValueFormatter.ToDisplayString(i.Default) : null)).ToList(),
            p.Outputs.Select(o => (object?)FieldDescription(o.Name, o.Type.ToString(), null)).ToList(),
            false, null, null, false, null,
            new Dictionary<string, object?> { ["deprecated"] = false },
        }));

    /// <summary>One entry of argumentDescription/returnDescription: name, type, description ("name :: TYPE"), isDeprecated [, default].</summary>
    private static Dictionary<string, object?> FieldDescription(string name, string type, string? defaultValue)
    {
        var map = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["type"] = type,
            ["description"] = $"{name} :: {type}",
            ["isDeprecated"] = false,
        };
        if (defaultValue is not null) map["default"] = defaultValue;
        return map;
    }

    // ------------------------------------------------------------------ functions

    private static readonly string[] FunctionColumns =
    [
        "name", "category", "description", "signature", "isBuiltIn", "argumentDescription", "returnDescription", "aggregating",
        "rolesExecution", "rolesBoostedExecution", "isDeprecated", "deprecatedBy",
    ];

    private static Listing Functions(bool userDefinedOnly) => new("ShowFunctions", FunctionColumns, ["name", "category", "description"], _ =>
        userDefinedOnly
            ? []
            : FunctionCatalog.All.Select(f => new object?[]
            {
                f.Name, f.Category, f.Description, f.Signature, true,
                f.Arguments.Select(a => (object?)FieldDescription(a.Name, a.Type, a.Default)).ToList(),
                f.ReturnType, f.Aggregating, null, null, false, null,
            }));

    // ------------------------------------------------------------------ current user

    private static readonly string[] UserColumns = ["user", "roles", "passwordChangeRequired", "suspended", "home"];

    /// <summary>The session's user (<see cref="QueryContext.User"/>); no row when nobody authenticated (in process, or a server without users).</summary>
    private static Listing CurrentUser() => new("ShowCurrentUser", UserColumns, UserColumns, ctx =>
        ctx.User is { } user
            ? [[user.Name, user.Roles.Cast<object?>().ToList(), false, false, null]]
            : []);
}
