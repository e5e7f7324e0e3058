using System.Globalization;
using Graph.Bolt.PackStream;

namespace Graph.Bolt.Protocol;

/// <summary>
/// Bolt's spatial structures (Point2D 'X', Point3D 'Y') as the WKT text Neo4j's Query API uses for them, which is how
/// the client contract carries points (it has no point type). Temporal structures are <see cref="BoltTemporal"/>'s.
/// </summary>
internal static class SpatialText
{
    public static string Read(byte tag, object?[] f)
    {
        switch ((char)tag)
        {
            case 'X':
                Expect(f, "Point2D", 3);
                return $"SRID={Long(f[0])};POINT ({Number(f[1])} {Number(f[2])})";
            case 'Y':
                Expect(f, "Point3D", 4);
                return $"SRID={Long(f[0])};POINT Z ({Number(f[1])} {Number(f[2])} {Number(f[3])})";
            default:
                throw new PackStreamException($"unknown structure 0x{tag:X2} ('{(char)tag}')");
        }
    }

    private static void Expect(object?[] fields, string name, int count)
    {
        if (fields.Length != count) throw new PackStreamException($"a {name} structure has {fields.Length} fields; expected {count}");
    }

    private static long Long(object? value) => value is long l ? l : throw new InvalidCastException();

    private static string Number(object? value) => value is double d
        ? d.ToString("R", CultureInfo.InvariantCulture)
        : throw new InvalidCastException();
}
