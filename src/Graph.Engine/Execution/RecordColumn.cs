using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>One column of a <see cref="HopRecordWriter"/>: what it reads, the property key (properties) or the evaluator (source row values).</summary>
internal sealed record RecordColumn(RecordColumnKind Kind, PropertyKey? Key = null, Evaluator? Value = null);
