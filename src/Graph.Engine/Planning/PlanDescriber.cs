using System.Globalization;
using System.Text;
using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Planning;

/// <summary>
/// The plan of an EXPLAIN or PROFILE statement in Neo4j's shape: a ProduceResults root over the operators, named as
/// Neo4j names them (NodeByLabelScan, NodeIndexSeek, Expand(All), Filter, Projection, EagerAggregation, ...), with the
/// arguments Details and EstimatedRows on every operator and planner/runtime/version on the root; for PROFILE also
/// rows, db hits and time per operator.
/// </summary>
internal static class PlanDescriber
{
    /// <summary>Neo4j's planner and runtime arguments, with our engine's values: rule-based planning over slotted rows.</summary>
    private static readonly Dictionary<string, object?> RootArguments = new()
    {
        ["planner"] = "RULE",
        ["planner-impl"] = "RULE",
        ["planner-version"] = EngineInfo.Version,
        ["runtime"] = "SLOTTED",
        ["runtime-impl"] = "SLOTTED",
        ["runtime-version"] = EngineInfo.Version,
        ["version"] = "CYPHER 5",
    };

    public static PlanDescription Describe(CompiledStatement statement, ExecutionProfile? profile)
    {
        var estimates = statement.Estimates ?? new Dictionary<PlanOperator, double>();
        var top = Operator(statement.Root, estimates, profile, insideApply: false);
        var rootRows = estimates.TryGetValue(statement.Root, out var e) ? e : 0;
        var returned = statement.Columns.Count > 0 ? (profile?.For(statement.Root).Rows ?? 0) : 0;
        if (statement.Columns.Count == 0)
        {
            top = Node("EmptyResult", "", 0, statement.Root.Identifiers ?? [], [top], profile is null ? null : new Measured(0, 0, 0));
            rootRows = 0;
        }
        var arguments = new Dictionary<string, object?>(RootArguments)
        {
            ["Details"] = string.Join(", ", statement.Columns.Select(Quote)),
            ["EstimatedRows"] = rootRows,
        };
        var root = new PlanDescription
        {
            OperatorType = "ProduceResults",
            Arguments = arguments,
            Identifiers = statement.Columns,
            Children = [top],
            Rows = profile is null ? null : returned,
            DbHits = profile?.UnattributedDbHits,
            TimeNanoseconds = profile is null ? null : 0,
        };
        arguments["string-representation"] = Text(root, profile is not null);
        return root;
    }

    private sealed record Measured(long Rows, long DbHits, long TimeNanoseconds);

    private static PlanDescription Operator(PlanOperator op, IReadOnlyDictionary<PlanOperator, double> estimates, ExecutionProfile? profile, bool insideApply)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        // pass-through operators Neo4j has no counterpart for: a bare "is a node" check, clearing out-of-scope slots
        if (op is NodeCheckOp { Labels.Count: 0 } or ClearSlotsOp)
            return Operator(op.Children.Single(), estimates, profile, insideApply);

        var (name, details) = Name(op);
        var children = new List<PlanDescription>();
        var childOperators = op.Children.ToList();
        for (var i = 0; i < childOperators.Count; i++)
        {
            var child = childOperators[i];
            // every plan starts from an Argument row; Neo4j shows it only on the inner side of an Apply
            var inner = insideApply || (i > 0 && op is ApplyOp or OptionalApplyOp or UnitSubqueryOp or ForeachOp or MergeOp);
            if (child is ArgumentOp && !inner) continue;
            var description = Operator(child, estimates, profile, inner);
            if (i > 0 && op is OptionalApplyOp)
                description = Node("Optional", "", estimates.GetValueOrDefault(op), description.Identifiers, [description],
                    profile is null ? null : new Measured(profile.For(op).Rows, 0, 0));
            children.Add(description);
        }
        var statistics = profile?.For(op);
        return Node(name, details, estimates.GetValueOrDefault(op), op.Identifiers ?? [], children,
            statistics is null ? null : new Measured(statistics.Rows, statistics.DbHits, statistics.TimeNanoseconds));
    }

    private static PlanDescription Node(string name, string details, double estimatedRows, IReadOnlyList<string> identifiers,
        IReadOnlyList<PlanDescription> children, Measured? measured)
    {
        var arguments = new Dictionary<string, object?> { ["EstimatedRows"] = Math.Round(estimatedRows, 2) };
        if (details.Length > 0) arguments["Details"] = details;
        return new PlanDescription
        {
            OperatorType = name,
            Arguments = arguments,
            Identifiers = identifiers,
            Children = children,
            Rows = measured?.Rows,
            DbHits = measured?.DbHits,
            TimeNanoseconds = measured?.TimeNanoseconds,
        };
    }

    /// <summary>Neo4j's operator name and the Details argument for one of ours.</summary>
    private static (string Name, string Details) Name(PlanOperator op)
    {
        var (name, details) = OperatorText.Split(op.Describe());
        return op switch
        {
            NodeScanOp => (name, details),
            NodeIndexSeekOp => ("NodeIndexSeek", details.Replace(" {", "(", StringComparison.Ordinal).Replace("}", ")", StringComparison.Ordinal)),
            NodeCheckOp check => ("Filter", string.Join(" AND ", check.Labels.Select(l => $"{Variable(details)}:{l.Name}"))),
            ExpandOp { CountSlot: >= 0 } => (name, details), // counted, not enumerated: no Neo4j counterpart, our own name
            ExpandOp expand => (expand.TargetBound && name == "Expand(Into)" ? "Expand(Into)" : "Expand(All)", details),
            VarExpandOp => (name.Contains("distinct", StringComparison.Ordinal) ? "VarLengthExpand(Pruning)" : "VarLengthExpand(All)", details),
            AggregationOp => ("EagerAggregation", details),
            ApplyOp or OptionalApplyOp => ("Apply", ""),
            UnionOp => (name == "Union" ? "Distinct" : "Union", ""),
            SetOp => ("SetProperty", details),
            ShortestPathOp => ("ShortestPath", details),
            ProcedureCallOp call => ("ProcedureCall", call.Procedure.Signature),
            _ => (name, details),
        };
    }

    private static string Variable(string details) => details.Length == 0 ? "anon" : details;

    private static string Quote(string column) =>
        column.All(c => char.IsLetterOrDigit(c) || c == '_') && column.Length > 0 && !char.IsDigit(column[0]) ? column : $"`{column}`";

    /// <summary>The plan as a table, like Neo4j's "string-representation" argument.</summary>
    private static string Text(PlanDescription root, bool profiled)
    {
        var rows = new List<string[]>();
        void Walk(PlanDescription plan, int depth)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            var details = plan.Arguments.TryGetValue("Details", out var d) ? d as string ?? "" : "";
            var estimated = plan.Arguments.TryGetValue("EstimatedRows", out var r) && r is double er ? er.ToString("0.##", CultureInfo.InvariantCulture) : "";
            var cells = new List<string> { new string(' ', depth * 2) + "+" + plan.OperatorType, details, estimated };
            if (profiled)
            {
                cells.Add(plan.Rows?.ToString(CultureInfo.InvariantCulture) ?? "");
                cells.Add(plan.DbHits?.ToString(CultureInfo.InvariantCulture) ?? "");
                cells.Add(plan.TimeNanoseconds is { } ns ? (ns / 1e6).ToString("0.###", CultureInfo.InvariantCulture) : "");
            }
            rows.Add([.. cells]);
            foreach (var child in plan.Children) Walk(child, depth + 1);
        }
        Walk(root, 0);
        string[] header = profiled
            ? ["Operator", "Details", "Estimated Rows", "Rows", "DB Hits", "Time (ms)"]
            : ["Operator", "Details", "Estimated Rows"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(row => row[i].Length))).ToArray();
        var line = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        var text = new StringBuilder();
        text.Append("Planner RULE\n\nRuntime SLOTTED\n\nRuntime version ").Append(EngineInfo.Version).Append("\n\n");
        text.Append(line).Append('\n');
        text.Append("| ").Append(string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i])))).Append(" |\n");
        text.Append(line).Append('\n');
        foreach (var row in rows)
            text.Append("| ").Append(string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i])))).Append(" |\n");
        text.Append(line).Append('\n');
        if (profiled)
            text.Append("\nTotal database accesses: ").Append(Sum(root, p => p.DbHits ?? 0).ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    private static long Sum(PlanDescription plan, Func<PlanDescription, long> value) => value(plan) + plan.Children.Sum(c => Sum(c, value));
}
