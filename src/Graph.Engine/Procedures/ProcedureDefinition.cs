namespace Graph.Engine.Procedures;

/// <summary>
/// A procedure callable with CALL: its qualified name, signature (inputs and outputs with their types), mode,
/// description and implementation. Declared once, in a <see cref="ProcedureRegistry"/>; CALL, SHOW PROCEDURES and the
/// TCK runner all read it from there.
/// </summary>
public sealed class ProcedureDefinition
{
    public ProcedureDefinition(string name, IReadOnlyList<ProcedureField> inputs, IReadOnlyList<ProcedureField> outputs,
        ProcedureMode mode, string description, ProcedureImplementation implementation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (inputs.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"Procedure {name} declares the input '{duplicate.Key}' twice.");
        if (outputs.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicateOutput)
            throw new ArgumentException($"Procedure {name} declares the output '{duplicateOutput.Key}' twice.");
        var firstDefault = inputs.ToList().FindIndex(f => f.HasDefault);
        if (firstDefault >= 0 && inputs.Skip(firstDefault).Any(f => !f.HasDefault))
            throw new ArgumentException($"Procedure {name}: inputs with a default value must come after those without.");
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        Mode = mode;
        Description = description;
        Implementation = implementation;
    }

    /// <summary>The qualified name, e.g. "db.labels" (case-sensitive, as in Neo4j).</summary>
    public string Name { get; }

    public IReadOnlyList<ProcedureField> Inputs { get; }

    /// <summary>The columns a call yields; empty for a VOID procedure.</summary>
    public IReadOnlyList<ProcedureField> Outputs { get; }

    public ProcedureMode Mode { get; }

    public string Description { get; }

    public ProcedureImplementation Implementation { get; }

    /// <summary>Neo4j's "worksOnSystem": whether it can run against the system database (we have none, so this is informative).</summary>
    public bool WorksOnSystem { get; init; }

    public bool IsVoid => Outputs.Count == 0;

    /// <summary>Inputs a call must pass (those without a default value).</summary>
    public int RequiredInputs => Inputs.Count(i => !i.HasDefault);

    /// <summary>"db.labels() :: (label :: STRING)", as SHOW PROCEDURES prints it.</summary>
    public string Signature =>
        $"{Name}({string.Join(", ", Inputs)}) :: " + (IsVoid ? "VOID" : $"({string.Join(", ", Outputs)})");

    public override string ToString() => Signature;

    /// <summary>
    /// Declares a procedure from its signature text, e.g. <c>db.labels() :: (label :: STRING)</c>,
    /// <c>test.my.proc(name :: STRING?, in :: INTEGER?) :: (out :: INTEGER?)</c> or <c>test.doNothing() :: ()</c> (VOID).
    /// Throws <see cref="FormatException"/> naming what is wrong.
    /// </summary>
    public static ProcedureDefinition Declare(string signature, ProcedureMode mode, string description, ProcedureImplementation implementation,
        bool worksOnSystem = false)
    {
        var (name, inputs, outputs) = ParseSignature(signature);
        return new ProcedureDefinition(name, inputs, outputs, mode, description, implementation) { WorksOnSystem = worksOnSystem };
    }

    public static (string Name, IReadOnlyList<ProcedureField> Inputs, IReadOnlyList<ProcedureField> Outputs) ParseSignature(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var text = signature.Trim();
        var open = text.IndexOf('(');
        var close = open < 0 ? -1 : SignatureText.MatchingParenthesis(text, open);
        if (open <= 0 || close < 0)
            throw new FormatException($"'{signature}' is not a procedure signature: expected name(inputs) :: (outputs).");
        var name = text[..open].Trim();
        if (name.Length == 0 || name.Split('.').Any(part => part.Length == 0 || !part.All(c => char.IsLetterOrDigit(c) || c == '_')))
            throw new FormatException($"'{name}' is not a procedure name: expected dot-separated names like db.labels.");
        var inputs = ParseFields(text[(open + 1)..close], signature, allowDefaults: true);
        var rest = text[(close + 1)..].Trim();
        if (!rest.StartsWith("::", StringComparison.Ordinal))
            throw new FormatException($"'{signature}': expected '::' and the outputs after the inputs.");
        rest = rest[2..].Trim();
        IReadOnlyList<ProcedureField> outputs;
        if (rest.Equals("VOID", StringComparison.OrdinalIgnoreCase))
        {
            outputs = [];
        }
        else if (rest.StartsWith('(') && SignatureText.MatchingParenthesis(rest, 0) == rest.Length - 1)
        {
            outputs = ParseFields(rest[1..^1], signature, allowDefaults: false);
        }
        else
        {
            throw new FormatException($"'{signature}': the outputs must be (name :: TYPE, ...) or VOID.");
        }
        return (name, inputs, outputs);
    }

    private static List<ProcedureField> ParseFields(string text, string signature, bool allowDefaults)
    {
        var fields = new List<ProcedureField>();
        if (text.Trim().Length == 0) return fields;
        foreach (var part in SignatureText.SplitTopLevel(text))
        {
            var separator = part.IndexOf("::", StringComparison.Ordinal);
            if (separator < 0)
                throw new FormatException($"'{signature}': '{part.Trim()}' needs a type, as in name :: STRING.");
            var head = part[..separator].Trim();
            var type = ProcedureType.Parse(part[(separator + 2)..]);
            var equals = head.IndexOf('=');
            if (equals >= 0 && !allowDefaults)
                throw new FormatException($"'{signature}': outputs have no default values.");
            var name = (equals >= 0 ? head[..equals] : head).Trim();
            if (name.Length == 0) throw new FormatException($"'{signature}': a field has no name.");
            fields.Add(equals < 0
                ? new ProcedureField(name, type)
                : new ProcedureField(name, type) { HasDefault = true, Default = ProcedureType.ParseDefault(head[(equals + 1)..]) });
        }
        return fields;
    }
}
