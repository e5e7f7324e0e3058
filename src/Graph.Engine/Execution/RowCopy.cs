namespace Graph.Engine.Execution;

/// <summary>
/// Copies a row into an operator's reused buffer. Rows are a few slots wide: element by element is cheaper for them
/// than <see cref="Array.Copy(Array, Array, int)"/>, whose bulk move with card marking is a call into the runtime's
/// native code (1.6% of a point lookup's samples, for one copy of a four-slot row).
/// </summary>
internal static class RowCopy
{
    /// <summary>Rows up to this width are copied element by element.</summary>
    private const int ElementwiseWidth = 16;

    /// <summary>Copies <paramref name="row"/> into <paramref name="buffer"/>, which is at least as long.</summary>
    public static void Into(object?[] row, object?[] buffer)
    {
        if (row.Length > ElementwiseWidth || buffer.Length < row.Length)
        {
            Array.Copy(row, buffer, row.Length);
            return;
        }
        for (var i = 0; i < row.Length; i++) buffer[i] = row[i];
    }
}
