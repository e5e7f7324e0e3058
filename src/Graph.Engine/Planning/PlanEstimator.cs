using Graph.Engine.Execution;
using Graph.Storage;

namespace Graph.Engine.Planning;

/// <summary>
/// Estimated rows per operator for EXPLAIN and PROFILE, from the store's counts at planning time: nodes per label, the
/// average degree (relationships per node), and fixed guesses where no count applies (a filter keeps half its rows, a
/// non-unique seek a tenth of its label, UNWIND yields ten rows per list, grouping keeps the square root).
/// </summary>
internal static class PlanEstimator
{
    private const double FilterSelectivity = 0.5;
    private const double SeekSelectivity = 0.1;
    private const double UnwindSize = 10;

    public static IReadOnlyDictionary<PlanOperator, double> Estimate(PlanOperator root, IGraphStore store)
    {
        var estimates = new Dictionary<PlanOperator, double>(ReferenceEqualityComparer.Instance);
        var statistics = new Statistics(store);
        Estimate(root, 1, estimates, statistics);
        return estimates;
    }

    private sealed class Statistics(IGraphStore store)
    {
        public double Nodes { get; } = Math.Max(1, store.NodeCount);
        public double AverageDegree { get; } = store.RelationshipCount / (double)Math.Max(1, store.NodeCount);

        public double Label(string? label)
        {
            if (label is null) return Nodes;
            var id = store.Tokens.LabelId(label);
            return id < 0 ? 0 : store.CountNodesWithLabel(id);
        }
    }

    /// <summary>Rows the operator produces when its leaves start from <paramref name="arguments"/> rows.</summary>
    private static double Estimate(PlanOperator op, double arguments, Dictionary<PlanOperator, double> estimates, Statistics stats)
    {
        // a very deep plan fails cleanly (the runner reports "nests too deeply") instead of overflowing the stack
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var children = op.Children.ToList();
        double Input() => children.Count == 0 ? arguments : Estimate(children[0], arguments, estimates, stats);
        var (_, details) = OperatorText.Split(op.Describe());
        double rows;
        switch (op)
        {
            case ArgumentOp:
                rows = arguments;
                break;
            case NodeScanOp:
                rows = Input() * stats.Label(OperatorText.LabelOf(details));
                break;
            case UnionNodeByLabelsScanOp:
                rows = Input() * details[(details.IndexOf(':') + 1)..].Split('|').Sum(stats.Label);
                break;
            case NodeIndexSeekOp:
                rows = Input() * Math.Max(1, stats.Label(OperatorText.LabelOf(details)) * SeekSelectivity);
                break;
            case NodeCheckOp check:
                rows = check.Labels.Aggregate(Input(), (r, l) => r * stats.Label(l.Name) / stats.Nodes);
                break;
            case ExpandOp expand:
                rows = expand.TargetBound ? Input() * Math.Min(1, stats.AverageDegree) : Input() * stats.AverageDegree;
                break;
            case VarExpandOp:
                rows = Input() * Math.Max(1, stats.AverageDegree * stats.AverageDegree);
                break;
            case FilterOp:
                rows = Input() * FilterSelectivity;
                break;
            case UnwindOp:
                rows = Input() * UnwindSize;
                break;
            case AggregationOp:
                rows = Math.Max(1, Math.Sqrt(Input()));
                break;
            case ApplyOp or OptionalApplyOp or UnitSubqueryOp or ForeachOp or MergeOp:
                {
                    var outer = Estimate(children[0], arguments, estimates, stats);
                    var inner = children.Count > 1 ? Estimate(children[1], 1, estimates, stats) : 1;
                    rows = op switch
                    {
                        ApplyOp => outer * inner,
                        OptionalApplyOp => outer * Math.Max(1, inner),
                        _ => outer,
                    };
                    break;
                }
            case UnionOp:
                rows = children.Sum(c => Estimate(c, arguments, estimates, stats));
                break;
            default:
                rows = Input();
                foreach (var other in children.Skip(1)) Estimate(other, arguments, estimates, stats);
                break;
        }
        estimates[op] = rows;
        return rows;
    }
}
