using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// Writes every record of a statement straight into a result (RunAsync), in place of its root projection pulling rows
/// through the operators below it: the same records, in the same order, with the same errors and memory limit, without
/// a row, a node or relationship value or an evaluator call per record. Set by the planner on a root projection whose
/// shape it can write this way (<see cref="ProjectOp.RecordWriter"/>); streaming and PROFILE run the operators.
/// </summary>
internal interface IRecordWriter
{
    /// <summary>
    /// The index seek over the argument row the writer's rows start from (<see cref="NodeIndexSeekOp.SeeksArgument"/>),
    /// and a second seek over it when there is one, when they are all its source is; null otherwise. A caller may then
    /// make those rows itself (<see cref="Driver.IndexSeekRows"/>) and hand them to <see cref="Write"/>.
    /// </summary>
    (NodeIndexSeekOp First, NodeIndexSeekOp? Second)? ArgumentSeeks { get; }

    /// <summary>
    /// Runs the statement from <paramref name="argument"/> (the plan's empty start row) and writes each record's client
    /// values into <paramref name="target"/>. <paramref name="sourceRows"/>, when given, are the rows of
    /// <see cref="ArgumentSeeks"/> over <paramref name="argument"/> (not under PROFILE), used in place of the source's
    /// operators; the writer disposes them.
    /// </summary>
    void Write(QueryContext ctx, object?[] argument, IRecordTarget target, IEnumerator<object?[]>? sourceRows = null);
}
