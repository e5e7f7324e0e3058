using System.Diagnostics;
using System.Text.Json;

namespace Graph.Bolt.Tests.Judges;

/// <summary>Runs a judge script of tests/judges with node against a <see cref="GraphServeProcess"/>; its last line "RESULT {json}" holds the facts it checked.</summary>
public static class NodeJudge
{
    public static string Folder => Path.Combine(GraphServeProcess.RepositoryRoot(), "tests", "judges");

    public static Task<JsonElement> RunAsync(GraphServeProcess server, string script, params string[] arguments) =>
        RunAsync(server.BoltUri, server.HttpUri, () => server.Output, script, arguments);

    /// <param name="serverOutput">What the server printed, for failure messages.</param>
    public static async Task<JsonElement> RunAsync(string boltUri, string httpUri, Func<string> serverOutput, string script, params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "neo4j-driver")))
            Assert.Fail($"The judges are not installed: run `bash .ci/install` (it runs npm ci in {Folder}).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Node 20 has WebSocket (for the browser build of the driver) behind a flag; later versions accept it as a no-op.
        start.ArgumentList.Add("--experimental-websocket");
        start.ArgumentList.Add("--no-warnings");
        start.ArgumentList.Add("--import");
        start.ArgumentList.Add("./register-labs-wrapper.mjs");
        start.ArgumentList.Add(Path.Combine("bolt", script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["BOLT_URI"] = boltUri;
        start.Environment["HTTP_URI"] = httpUri;
        start.Environment["EDITOR_USER"] = GraphServeProcess.Editor;
        start.Environment["EDITOR_PASSWORD"] = GraphServeProcess.EditorPassword;
        start.Environment["READER_USER"] = GraphServeProcess.Reader;
        start.Environment["READER_PASSWORD"] = GraphServeProcess.ReaderPassword;
        Process node;
        try
        {
            node = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node is not installed ({e.Message}): run `bash .ci/install`.");
            throw;
        }
        using (node)
        {
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                await node.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                Assert.Fail($"{script} did not finish within 5 minutes.\n{await stdout}\n{await stderr}\n--- server\n{serverOutput()}");
            }
            var output = await stdout;
            var errors = await stderr;
            Assert.True(node.ExitCode == 0, $"{script} failed (exit {node.ExitCode}):\n{output}\n{errors}\n--- server\n{serverOutput()}");
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
            Assert.True(line is not null, $"{script} printed no RESULT line:\n{output}\n{errors}");
            return JsonDocument.Parse(line["RESULT ".Length..]).RootElement.Clone();
        }
    }
}
