using System.Globalization;
using System.Text.RegularExpressions;
using Graph.Client;
using Graph.Engine;
using Graph.Tck.Features;
using Graph.Tck.Values;

namespace Graph.Tck.Execution;

/// <summary>
/// Runs the steps of one scenario against one driver (a fresh engine per scenario). Implements exactly
/// the step vocabulary of ../shared/tck/SCOPE.md; any other step fails the scenario as a runner error.
/// </summary>
public sealed partial class ScenarioExecutor
{
    private readonly IDriver _driver;
    private readonly string? _graphsRoot;
    private readonly Dictionary<string, object?> _parameters = new(StringComparer.Ordinal);
    private IAsyncSession? _session;
    private QueryResult? _lastResult;
    private Exception? _lastError;
    private bool _executed;
    private GraphSnapshot? _beforeQuery;
    private string? _detailMismatch;

    /// <param name="graphsRoot">Folder holding named graphs (graphs/&lt;name&gt;/&lt;name&gt;.cypher); null when none.</param>
    public ScenarioExecutor(IDriver driver, string? graphsRoot)
    {
        _driver = driver;
        _graphsRoot = graphsRoot;
    }

    /// <summary>Runs every step; throws <see cref="ScenarioFailure"/> for a failed step. Returns the detail mismatch note, if any.</summary>
    public async Task<string?> RunAsync(TckScenario scenario, CancellationToken cancellationToken)
    {
        await using var session = _driver.AsyncSession();
        _session = session;
        var measuresSideEffects = scenario.Steps.Any(s => s.Text is "no side effects" or "the side effects should be:");
        foreach (var step in scenario.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RunStepAsync(step, measuresSideEffects, cancellationToken).ConfigureAwait(false);
        }
        return _detailMismatch;
    }

    private IAsyncSession Session => _session ?? throw new InvalidOperationException("No session is open.");

    private async Task RunStepAsync(TckStep step, bool measuresSideEffects, CancellationToken ct)
    {
        var text = step.Text.Trim();
        switch (text)
        {
            case "an empty graph" or "any graph":
                return; // every scenario starts on a fresh in-memory engine
            case "having executed:":
                await ExecuteSetupAsync(RequireDocString(step), $"line {step.Line}", ct).ConfigureAwait(false);
                return;
            case "parameters are:":
                ReadParameters(step);
                return;
            case "executing query:":
                if (measuresSideEffects) _beforeQuery = await SnapshotAsync(ct).ConfigureAwait(false);
                await ExecuteAsync(RequireDocString(step), ct).ConfigureAwait(false);
                return;
            case "executing control query:":
                await ExecuteAsync(RequireDocString(step), ct).ConfigureAwait(false);
                return;
            case "the result should be empty":
                CheckEmptyResult();
                return;
            case "no side effects":
                await CheckSideEffectsAsync(new Dictionary<string, int>(), ct).ConfigureAwait(false);
                return;
            case "the side effects should be:":
                await CheckSideEffectsAsync(ReadSideEffects(step), ct).ConfigureAwait(false);
                return;
        }

        if (NamedGraphStep().Match(text) is { Success: true } graph)
        {
            await LoadNamedGraphAsync(graph.Groups[1].Value, ct).ConfigureAwait(false);
            return;
        }
        if (text.StartsWith(TckProcedure.StepPrefix, StringComparison.Ordinal))
        {
            DeclareProcedure(step, text);
            return;
        }
        if (ResultStep().Match(text) is { Success: true } result)
        {
            var ordered = result.Groups["order"].Value == "in order";
            var ignoreListOrder = result.Groups["lists"].Success;
            CheckResult(step, ordered, ignoreListOrder);
            return;
        }
        if (ErrorStep().Match(text) is { Success: true } error)
        {
            CheckError(error.Groups["type"].Value, error.Groups["phase"].Value, error.Groups["detail"].Value.Trim());
            return;
        }
        throw new ScenarioFailure(FailureKind.RunnerError, $"line {step.Line}: unknown step '{step.Keyword.Trim()} {text}'");
    }

    /// <summary>True when <paramref name="stepText"/> belongs to the supported step vocabulary.</summary>
    public static bool Recognizes(string stepText)
    {
        var text = stepText.Trim();
        return text is "an empty graph" or "any graph" or "having executed:" or "parameters are:" or "executing query:"
                   or "executing control query:" or "the result should be empty" or "no side effects" or "the side effects should be:"
               || text.StartsWith(TckProcedure.StepPrefix, StringComparison.Ordinal)
               || NamedGraphStep().IsMatch(text) || ResultStep().IsMatch(text) || ErrorStep().IsMatch(text);
    }

    [GeneratedRegex(@"^the (\S+) graph$")]
    private static partial Regex NamedGraphStep();

    [GeneratedRegex(@"^the result should be(?:, (?<order>in any order|in order))?(?<lists> \(ignoring element order for lists\))?:$")]
    private static partial Regex ResultStep();

    [GeneratedRegex(@"^an? (?<type>\w+) should be raised at (?<phase>compile time|runtime|any time):(?<detail>.*)$")]
    private static partial Regex ErrorStep();

    private static string RequireDocString(TckStep step) =>
        step.DocString ?? throw new ScenarioFailure(FailureKind.RunnerError, $"line {step.Line}: step '{step.Text}' needs a docstring with the query");

    private static IReadOnlyList<IReadOnlyList<string>> RequireTable(TckStep step) =>
        step.Table ?? throw new ScenarioFailure(FailureKind.RunnerError, $"line {step.Line}: step '{step.Text}' needs a table");

    // ---- setup -------------------------------------------------------------------------------------

    private async Task ExecuteSetupAsync(string query, string where, CancellationToken ct)
    {
        try
        {
            await Session.RunAsync(query, _parameters, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ScenarioFailure(FailureKind.SetupFailed, $"setup query ({where}) failed: {Describe(e)}");
        }
    }

    private async Task LoadNamedGraphAsync(string name, CancellationToken ct)
    {
        var file = _graphsRoot is null ? null : Path.Combine(_graphsRoot, name, name + ".cypher");
        if (file is null || !File.Exists(file))
            throw new ScenarioFailure(FailureKind.RunnerError, $"named graph '{name}' not found (looked for {file ?? "a graphs folder next to the features folder"})");
        var statements = File.ReadAllText(file).Split(';').Select(s => s.Trim()).Where(s => s.Length > 0);
        foreach (var statement in statements)
            await ExecuteSetupAsync(statement, $"graph {name}", ct).ConfigureAwait(false);
    }

    private void ReadParameters(TckStep step)
    {
        foreach (var row in RequireTable(step))
        {
            if (row.Count != 2)
                throw new ScenarioFailure(FailureKind.RunnerError, $"line {step.Line}: a parameter row needs two cells: | name | value |");
            _parameters[row[0].Trim()] = ParseCell(row[1], step, $"parameter {row[0].Trim()}");
        }
    }

    private static object? ParseCell(string cell, TckStep step, string what)
    {
        try
        {
            return TckValueParser.Parse(cell);
        }
        catch (TckValueFormatException e)
        {
            throw new ScenarioFailure(FailureKind.RunnerError, $"line {step.Line}, {what}: {e.Message}");
        }
    }

    /// <summary>Registers the step's test procedure with the engine (the scenario's own fresh database).</summary>
    private void DeclareProcedure(TckStep step, string text)
    {
        if (_driver is not EmbeddedDriver embedded)
            throw new ScenarioFailure(FailureKind.Unsupported, "this driver has no procedure registry (step: there exists a procedure ...)");
        try
        {
            embedded.Procedures.Register(TckProcedure.FromStep(text, step.Table ?? []));
        }
        catch (Exception e) when (e is FormatException or TckValueFormatException or ArgumentException)
        {
            throw new ScenarioFailure(FailureKind.RunnerError, $"line {step.Line}: {e.Message}");
        }
    }

    // ---- the query under test ---------------------------------------------------------------------

    private async Task ExecuteAsync(string query, CancellationToken ct)
    {
        _executed = true;
        _lastResult = null;
        _lastError = null;
        try
        {
            _lastResult = await Session.RunAsync(query, _parameters, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _lastError = e;
        }
    }

    private QueryResult RequireResult()
    {
        if (!_executed) throw new ScenarioFailure(FailureKind.RunnerError, "a result step comes before any 'executing query' step");
        if (_lastError is not null) throw UnexpectedError(_lastError);
        return _lastResult!;
    }

    private static ScenarioFailure UnexpectedError(Exception e) => e switch
    {
        GraphException { Title: "SyntaxError" } => new ScenarioFailure(FailureKind.UnexpectedSyntaxError, Describe(e)),
        GraphException { Phase: ErrorPhase.CompileTime } => new ScenarioFailure(FailureKind.UnexpectedCompileError, Describe(e)),
        GraphException => new ScenarioFailure(FailureKind.UnexpectedRuntimeError, Describe(e)),
        _ => new ScenarioFailure(FailureKind.Crash, Describe(e)),
    };

    /// <summary>One line: "SyntaxError at compile time (UnknownFunction): message" or "NullReferenceException: message".</summary>
    public static string Describe(Exception e)
    {
        var message = OneLine(e.Message);
        if (e is GraphException g)
        {
            var phase = g.Phase == ErrorPhase.CompileTime ? "compile time" : "runtime";
            var detail = g.Detail is null ? "" : $" ({g.Detail})";
            return $"{g.Title} at {phase}{detail}: {message}";
        }
        var frame = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim();
        return $"{e.GetType().Name}: {message}" + (frame is null ? "" : $" [{frame}]");
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    // ---- expectations ------------------------------------------------------------------------------

    private void CheckEmptyResult()
    {
        var result = RequireResult();
        if (result.Records.Count > 0)
            throw new ScenarioFailure(FailureKind.ResultMismatch,
                $"expected no rows, got {result.Records.Count}: {FormatRows(result.Records.Take(3).Select(r => r.Values.ToArray()))}");
    }

    private void CheckResult(TckStep step, bool ordered, bool ignoreListOrder)
    {
        var table = RequireTable(step);
        var result = RequireResult();
        var header = table[0].Select(h => h.Trim()).ToList();
        var expected = table.Skip(1)
            .Select(row => row.Select((cell, i) => ParseCell(cell, step, $"column '{(i < header.Count ? header[i] : "?")}'")).ToArray())
            .ToList();

        if (header.Count != result.Keys.Count || !header.All(result.Keys.Contains))
            throw new ScenarioFailure(FailureKind.ResultMismatch,
                $"columns differ: expected {FormatHeader(header)}, got {FormatHeader(result.Keys)}");

        var actual = result.Records.Select(r => header.Select(h => r[h]).ToArray()).ToList();
        var comparer = RowComparer(ignoreListOrder);
        if (ordered)
        {
            if (expected.Count != actual.Count)
                throw new ScenarioFailure(FailureKind.ResultMismatch, $"expected {expected.Count} rows, got {actual.Count}: {DescribeBagDifference(expected, actual, comparer)}");
            for (var i = 0; i < expected.Count; i++)
                if (!comparer(expected[i], actual[i]))
                {
                    var verdict = TckValueComparer.BagMatches(expected, actual, comparer) ? "same rows in another order; " : "";
                    throw new ScenarioFailure(FailureKind.ResultMismatch,
                        $"{verdict}row {i + 1}: expected {FormatRow(expected[i])}, got {FormatRow(actual[i])}");
                }
            return;
        }
        if (!TckValueComparer.BagMatches(expected, actual, comparer))
            throw new ScenarioFailure(FailureKind.ResultMismatch,
                $"expected {expected.Count} rows, got {actual.Count}: {DescribeBagDifference(expected, actual, comparer)}");
    }

    private static Func<object?[], object?[], bool> RowComparer(bool ignoreListOrder) => (e, a) =>
    {
        if (e.Length != a.Length) return false;
        for (var i = 0; i < e.Length; i++)
            if (!TckValueComparer.Matches(e[i], a[i], ignoreListOrder)) return false;
        return true;
    };

    /// <summary>Pairs rows greedily and names the expected rows left without partner and the unexpected actual rows.</summary>
    private static string DescribeBagDifference(List<object?[]> expected, List<object?[]> actual, Func<object?[], object?[], bool> comparer)
    {
        var used = new bool[actual.Count];
        var missing = new List<object?[]>();
        foreach (var e in expected)
        {
            var j = Enumerable.Range(0, actual.Count).FirstOrDefault(k => !used[k] && comparer(e, actual[k]), -1);
            if (j < 0) missing.Add(e);
            else used[j] = true;
        }
        var unexpected = actual.Where((_, k) => !used[k]).ToList();
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"missing {missing.Count}: {FormatRows(missing)}");
        if (unexpected.Count > 0) parts.Add($"unexpected {unexpected.Count}: {FormatRows(unexpected)}");
        return parts.Count == 0 ? "rows match as a bag but not in order" : string.Join("; ", parts);
    }

    private static string FormatHeader(IEnumerable<string> columns) => "| " + string.Join(" | ", columns) + " |";

    private static string FormatRow(object?[] row) => "| " + string.Join(" | ", row.Select(ValueFormatter.ToCypherLiteral)) + " |";

    private static string FormatRows(IEnumerable<object?[]> rows)
    {
        var list = rows.ToList();
        var shown = string.Join(" ", list.Take(3).Select(FormatRow));
        return OneLine(list.Count > 3 ? $"{shown} (+{list.Count - 3} more)" : shown);
    }

    private void CheckError(string type, string phase, string detail)
    {
        if (!_executed) throw new ScenarioFailure(FailureKind.RunnerError, "an error step comes before any 'executing query' step");
        var expectation = $"{type} at {phase}" + (detail.Length > 0 ? $" ({detail})" : "");
        if (_lastError is null)
            throw new ScenarioFailure(FailureKind.ErrorNotRaised, $"expected {expectation}, but the query succeeded with {_lastResult!.Records.Count} row(s)");
        if (_lastError is not GraphException g)
            throw new ScenarioFailure(FailureKind.Crash, $"expected {expectation}, got {Describe(_lastError)}");

        var phaseMatches = phase switch
        {
            "compile time" => g.Phase == ErrorPhase.CompileTime,
            "runtime" => g.Phase == ErrorPhase.Runtime,
            _ => true,
        };
        if (!MatchesTckErrorType(type, g.Code) || !phaseMatches)
            throw new ScenarioFailure(FailureKind.WrongError, $"expected {expectation}, got {Describe(g)}");
        // "*" is the TCK's "any detail".
        if (detail.Length > 0 && detail != "*" && !string.Equals(g.Detail, detail, StringComparison.Ordinal))
            _detailMismatch = $"expected detail {detail}, got {g.Detail ?? "none"}";
    }

    /// <summary>
    /// The TCK names one error type differently from Neo4j's status code, which the contract follows:
    /// deleting a connected node is the TCK's ConstraintVerificationFailed and Neo4j's
    /// Neo.ClientError.Schema.ConstraintValidationFailed.
    /// </summary>
    private static readonly Dictionary<string, string> Neo4jTitleOfTckType = new(StringComparer.Ordinal)
    {
        ["ConstraintVerificationFailed"] = "ConstraintValidationFailed",
    };

    /// <summary>
    /// True when a Neo4j status code (or just its title) is the TCK's error type: the same title, the renamed one above,
    /// or for the TCK's ProcedureError any code of Neo4j's Procedure category (Neo.ClientError.Procedure.ProcedureNotFound).
    /// </summary>
    public static bool MatchesTckErrorType(string tckType, string code)
    {
        var parts = code.Split('.');
        var title = parts[^1];
        if (title == tckType || (Neo4jTitleOfTckType.TryGetValue(tckType, out var neo4j) && title == neo4j)) return true;
        return tckType == "ProcedureError" && parts.Length == 4 && parts[2] == "Procedure";
    }

    // ---- side effects ------------------------------------------------------------------------------

    private static Dictionary<string, int> ReadSideEffects(TckStep step)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in RequireTable(step))
        {
            var key = row[0].Trim();
            if (row.Count != 2 || !GraphSnapshot.SideEffectKeys.Contains(key)
                || !int.TryParse(row[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new ScenarioFailure(FailureKind.RunnerError,
                    $"line {step.Line}: side effect rows are | +nodes | 1 | with keys {string.Join(", ", GraphSnapshot.SideEffectKeys)}");
            expected[key] = count;
        }
        return expected;
    }

    private async Task CheckSideEffectsAsync(IReadOnlyDictionary<string, int> expected, CancellationToken ct)
    {
        if (_beforeQuery is null) throw new ScenarioFailure(FailureKind.RunnerError, "a side effects step comes before any 'executing query' step");
        var after = await SnapshotAsync(ct).ConfigureAwait(false);
        var actual = GraphSnapshot.Diff(_beforeQuery, after);
        var differences = GraphSnapshot.SideEffectKeys
            .Where(k => expected.GetValueOrDefault(k) != actual[k])
            .Select(k => $"{k} expected {expected.GetValueOrDefault(k)}, got {actual[k]}")
            .ToList();
        if (differences.Count > 0)
        {
            var error = _lastError is null ? "" : $" (the query failed: {Describe(_lastError)})";
            throw new ScenarioFailure(FailureKind.SideEffectsMismatch, "side effects: " + string.Join(", ", differences) + error);
        }
    }

    private async Task<GraphSnapshot> SnapshotAsync(CancellationToken ct)
    {
        try
        {
            return await GraphSnapshot.CaptureAsync(Session, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ScenarioFailure(FailureKind.UnexpectedRuntimeError, $"cannot read the graph to measure side effects: {Describe(e)}");
        }
    }
}
