using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        // an array made as object?[] (every row buffer is) takes any value: stored without the per-element type check
        // that a store into a possibly covariant array (string[] seen as object[]) needs
        if (row.Length > ElementwiseWidth || buffer.Length < row.Length || buffer.GetType() != typeof(object[]))
        {
            Array.Copy(row, buffer, row.Length);
            return;
        }
        ref var target = ref MemoryMarshal.GetArrayDataReference(buffer);
        for (var i = 0; i < row.Length; i++) Unsafe.Add(ref target, i) = row[i];
    }
}
