namespace Graph.Bolt.PackStream;

/// <summary>Gives PackStream structures their meaning (nodes, relationships, temporal values...) while reading.</summary>
public interface IStructureReader
{
    /// <summary>Reads the <paramref name="fields"/> fields of a structure tagged <paramref name="tag"/> from <paramref name="reader"/>.</summary>
    object? Read(byte tag, int fields, PackStreamReader reader, int depth);
}
