namespace Graph.Engine.Functions;

/// <summary>What SHOW FUNCTIONS says about one built-in function.</summary>
/// <param name="Signature">As Neo4j 5 prints it: <c>name(arg :: TYPE, ...) :: TYPE</c>.</param>
internal sealed record FunctionInfo(string Name, string Category, string Signature, string Description, bool Aggregating = false)
{
    /// <summary>The arguments of the signature: name, type and the default value's text when it has one.</summary>
    public IReadOnlyList<(string Name, string Type, string? Default)> Arguments
    {
        get
        {
            var open = Signature.IndexOf('(');
            var close = Signature.LastIndexOf(") :: ", StringComparison.Ordinal);
            var inner = Signature[(open + 1)..close].Trim();
            if (inner.Length == 0) return [];
            return Procedures.SignatureText.SplitTopLevel(inner).Select(part =>
            {
                var separator = part.IndexOf("::", StringComparison.Ordinal);
                var head = part[..separator];
                var equals = head.IndexOf('=');
                return equals < 0
                    ? (head.Trim(), part[(separator + 2)..].Trim(), (string?)null)
                    : (head[..equals].Trim(), part[(separator + 2)..].Trim(), head[(equals + 1)..].Trim());
            }).ToList();
        }
    }

    /// <summary>The return type of the signature.</summary>
    public string ReturnType => Signature[(Signature.LastIndexOf(") :: ", StringComparison.Ordinal) + 5)..].Trim();
}
