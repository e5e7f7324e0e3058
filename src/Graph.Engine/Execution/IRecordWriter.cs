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
    /// Runs the statement from <paramref name="argument"/> (the plan's empty start row) and writes each record's client
    /// values into <paramref name="target"/>.
    /// </summary>
    void Write(QueryContext ctx, object?[] argument, IRecordTarget target);
}
