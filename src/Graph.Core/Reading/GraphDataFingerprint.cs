using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Graph.Core.Reading;

/// <summary>
/// Content hashes of a graph-data directory: one for the registry, one per document (every file of its folder, and
/// its text when document.yaml names one elsewhere in the data folder). Computed from the bytes, never from
/// timestamps, so any change to a file is noticed. Files that lead outside the data folder are not read: their
/// name goes into the hash and the reader reports them.
/// </summary>
public sealed record GraphDataFingerprint(string Registry, IReadOnlyDictionary<string, string> Documents)
{
    public static GraphDataFingerprint Compute(string directory)
    {
        var full = Path.GetFullPath(directory);
        var folder = new DataFolder(full);
        var registry = HashFiles(folder, Path.Combine(full, GraphDataReader.RegistryFolder), null);
        var documents = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        Parallel.ForEach(GraphDataReader.DocumentIds(full), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, id =>
        {
            var documentFolder = Path.Combine(full, GraphDataReader.DocumentsFolder, id);
            documents[id] = HashFiles(folder, documentFolder, ExternalText(folder, documentFolder));
        });
        return new GraphDataFingerprint(registry, new SortedDictionary<string, string>(documents, StringComparer.Ordinal));
    }

    /// <summary>The registry's hash alone (a save checks that the registry is what the store was loaded from).</summary>
    public static string HashRegistry(string directory)
    {
        var full = Path.GetFullPath(directory);
        return HashFiles(new DataFolder(full), Path.Combine(full, GraphDataReader.RegistryFolder), null);
    }

    /// <summary>One document's hash alone, as <see cref="Compute"/> would give it.</summary>
    public static string HashDocument(string directory, string id)
    {
        var full = Path.GetFullPath(directory);
        var folder = new DataFolder(full);
        var documentFolder = Path.Combine(full, GraphDataReader.DocumentsFolder, id);
        return HashFiles(folder, documentFolder, ExternalText(folder, documentFolder));
    }

    /// <summary>The document's text when document.yaml names one outside its folder (inside the data folder); else null.</summary>
    private static string? ExternalText(DataFolder folder, string documentFolder)
    {
        var yaml = Path.Combine(documentFolder, GraphDataReader.DocumentFile);
        if (folder.Confine(yaml, null, out _) is null || !File.Exists(yaml) || new FileInfo(yaml).Length > 1 << 20) return null;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(yaml, new UTF8Encoding(false, true))) stream.Load(reader);
            if (stream.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root) return null;
            if (!root.Children.TryGetValue(new YamlScalarNode("text"), out var node) || node is not YamlScalarNode { Value: { } text }) return null;
            var path = folder.Confine(text, documentFolder, out _);
            return path is not null && !path.StartsWith(documentFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or IOException or DecoderFallbackException or InvalidOperationException)
        {
            return null;   // the reader reports it; the file's bytes are in the hash anyway
        }
    }

    private static string HashFiles(DataFolder folder, string root, string? extra)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        if (Directory.Exists(root))
        {
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => (Path: f, Name: Path.GetRelativePath(root, f).Replace('\\', '/')))
                .Where(f => !f.Name.Split('/').Any(part => part.StartsWith('.')))
                .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            if (extra is not null) files.Add((extra, "text:" + Path.GetRelativePath(folder.Root, extra).Replace('\\', '/')));
            foreach (var (path, name) in files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(name + "\0"));
                if (folder.Confine(path, null, out _) is null)
                {
                    hash.AppendData("outside\0"u8);
                    continue;
                }
                try
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                    hash.AppendData(BitConverter.GetBytes(stream.Length));
                    int read;
                    while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes("unreadable:" + e.GetType().Name + "\0"));
                }
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
