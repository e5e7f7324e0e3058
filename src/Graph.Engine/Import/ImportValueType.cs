namespace Graph.Engine.Import;

/// <summary>The type of a property column: declared in the header (name:int) or by <see cref="NodeFile.ColumnTypes"/>.</summary>
public enum ImportValueType { String, Int, Float, Boolean }
