using System.CommandLine;
using System.Text.Json;
using Graph.Cli.Output;
using Graph.Client;

namespace Graph.Cli.Commands;

/// <summary>`graph cypher`: run one ad hoc statement against the configured store.</summary>
public static class CypherCommands
{
    public static IEnumerable<Command> Create()
    {
        var statement = new Argument<string>("statement") { Description = "The Cypher statement (use - to read it from standard input)." };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter as name=value; the value is read as JSON when it parses (42, 1.5, true, \"s\", [1,2], {\"k\":1}), else as a string.",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<OutputFormat>("--format", "-f") { Description = "Output: table (default), json or csv.", DefaultValueFactory = _ => OutputFormat.Table };
        var read = new Option<bool>("--read") { Description = "Run in a read session (writes are rejected)." };

        var command = new Command("cypher", "Run a Cypher statement and print its result.") { statement, parameters, format, read };
        StoreConnection.AddOptions(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var text = parsed.GetValue(statement)!;
            if (text == "-") text = await Console.In.ReadToEndAsync(cancellationToken);
            var parameterMap = ParseParameters(parsed.GetValue(parameters) ?? []);
            await using var driver = StoreConnection.Open(parsed);
            await using var session = driver.AsyncSession(parsed.GetValue(read) ? SessionConfig.Read : SessionConfig.Write);
            try
            {
                var result = await session.RunAsync(text, parameterMap, cancellationToken);
                ResultWriter.Write(result, parsed.GetValue(format), Console.Out);
                return CliRunner.ExitOk;
            }
            catch (GraphException error)
            {
                Console.Error.WriteLine(ErrorRenderer.Render(error, text));
                return CliRunner.ExitFailure;
            }
        });
        yield return command;
    }

    public static Dictionary<string, object?> ParseParameters(IEnumerable<string> items)
    {
        var map = new Dictionary<string, object?>();
        foreach (var item in items)
        {
            var eq = item.IndexOf('=');
            if (eq <= 0)
                throw new CliException($"--param '{item}' is not of the form name=value (for example --param id=raul-delgado-wise or --param limit=10).", CliRunner.ExitUsage);
            map[item[..eq]] = ParseValue(item[(eq + 1)..]);
        }
        return map;
    }

    private static object? ParseValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        _ => element.ToString(),
    };
}
