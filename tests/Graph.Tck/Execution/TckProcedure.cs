using Graph.Engine.Procedures;
using Graph.Engine.Runtime;
using Graph.Tck.Values;

namespace Graph.Tck.Execution;

/// <summary>
/// The test procedures of the TCK's Given steps: <c>there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):</c>
/// with a table whose header names the inputs then the outputs. A call yields the outputs of every row whose input cells
/// equal the arguments (null equals null here), in table order; a procedure without inputs yields every row.
/// </summary>
public static class TckProcedure
{
    public const string StepPrefix = "there exists a procedure ";

    /// <summary>Builds the procedure; throws <see cref="FormatException"/> (signature) or <see cref="TckValueFormatException"/> (a cell).</summary>
    public static ProcedureDefinition FromStep(string stepText, IReadOnlyList<IReadOnlyList<string>> table)
    {
        var signature = stepText.Trim();
        if (!signature.StartsWith(StepPrefix, StringComparison.Ordinal))
            throw new FormatException($"'{stepText}' does not start with '{StepPrefix}'.");
        signature = signature[StepPrefix.Length..].TrimEnd();
        if (signature.EndsWith(':')) signature = signature[..^1];
        var (name, inputs, outputs) = ProcedureDefinition.ParseSignature(signature);

        var header = table.Count > 0 ? table[0].Select(c => c.Trim()).ToList() : [];
        var expected = inputs.Select(i => i.Name).Concat(outputs.Select(o => o.Name)).ToList();
        if (!header.SequenceEqual(expected))
            throw new FormatException($"the table of {name} has columns | {string.Join(" | ", header)} |, expected | {string.Join(" | ", expected)} |.");
        var rows = table.Skip(1).Select(row => row.Select(cell => TckValueParser.Parse(cell)).ToArray()).ToList();

        return new ProcedureDefinition(name, inputs, outputs, ProcedureMode.Read, "A test procedure of the openCypher TCK.",
            (_, arguments) => rows
                .Where(row => arguments.Select((argument, i) => Same(argument, row[i])).All(same => same))
                .Select(row => row[inputs.Count..]));
    }

    private static bool Same(object? argument, object? cell) =>
        (argument is null && cell is null) || CypherValues.Equal(argument, cell) == true;
}
