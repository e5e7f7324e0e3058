namespace Graph.Core;

public sealed record GraphDataOptions
{
    /// <summary>
    /// Largest file (YAML or source text) the reader accepts: 32 MiB. Bigger files are refused from their size alone,
    /// before reading them, so a stray dump cannot exhaust memory. Split large documents into several folders.
    /// </summary>
    public const long DefaultMaxFileBytes = 32L * 1024 * 1024;

    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    public static GraphDataOptions Default { get; } = new();
}
