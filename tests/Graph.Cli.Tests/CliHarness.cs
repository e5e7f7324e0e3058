using System.Text.RegularExpressions;
using Spectre.Console;

namespace Graph.Cli.Tests;

/// <summary>Every test here redirects the process-wide Console, so none may run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection : ICollectionFixture<IngestedDatabase>
{
    public const string Name = "graph CLI";
}

/// <summary>What one `graph ...` run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public string All => Out + Err;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>Runs the real command line (<see cref="GraphCli.RunAsync"/>) in process and captures its output.</summary>
internal static partial class Cli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var (oldOut, oldErr, oldConsole) = (Console.Out, Console.Error, AnsiConsole.Console);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        console.Profile.Width = 240;
        AnsiConsole.Console = console;
        try
        {
            int exit;
            try
            {
                exit = await GraphCli.RunAsync(args);
            }
            catch (Exception e)
            {
                // The runner must turn every failure into a message and an exit code.
                throw new Xunit.Sdk.XunitException($"graph {string.Join(' ', args)} let an exception escape: {e}\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
            }
            var run = new CliRun(exit, stdout.ToString(), stderr.ToString());
            Assert.False(StackFrame().IsMatch(run.All), $"graph {string.Join(' ', args)} printed a stack trace:\n{run}");
            return run;
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            AnsiConsole.Console = oldConsole;
        }
    }

    public static async Task<CliRun> Succeeds(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 0, $"graph {string.Join(' ', args)} failed:\n{run}");
        return run;
    }

    [GeneratedRegex(@"^\s+at [\w.<>`]+.*\(.*\)", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}

/// <summary>Paths of the repository (graph-data) and temporary directories that delete themselves.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string GraphData => Path.Combine(Root, "graph-data");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Graph.sln not found above " + AppContext.BaseDirectory);
    }
}

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "graph-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The shipped graph-data loaded once with `graph ingest` into a temporary database shared by the query tests.</summary>
public sealed class IngestedDatabase : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public string Db => _directory["db"];

    public CliRun Ingest { get; private set; } = null!;

    public async Task InitializeAsync() => Ingest = await Cli.RunAsync("ingest", Repo.GraphData, "--db", Db);

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
