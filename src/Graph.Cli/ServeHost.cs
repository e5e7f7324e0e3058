using Graph.Client;
using Graph.Queries.Settings;
using Graph.Server;
using Graph.Server.Bolt;
using Microsoft.Extensions.Hosting;

namespace Graph.Cli;

/// <summary>
/// Runs <c>graph serve</c> on an embedded store and, while it runs, records where it listens in the database
/// directory (<see cref="ServerAddressFile"/>) so that other commands on the same store can reach it.
/// </summary>
public static class ServeHost
{
    /// <summary>Runs the server until <paramref name="cancellationToken"/> is cancelled or the host is asked to stop.</summary>
    public static async Task RunAsync(ServerOptions options, IDriver driver, string databaseDirectory, AnalysisSettings analysis, CancellationToken cancellationToken,
        string? graphData = null)
    {
        await using var app = GraphServer.Build(options, driver, analysis: analysis, graphData: graphData);
        // Said on stderr as well as in the log, so that nobody misses it.
        if (!options.AuthenticationEnabled)
            await Console.Error.WriteLineAsync("warning: graph serve runs WITHOUT AUTHENTICATION (--no-auth): anyone who can reach the port can read and write.");
        await app.StartAsync(cancellationToken);
        var file = new ServerAddressFile(Environment.ProcessId, GraphServer.Addresses(app).FirstOrDefault(), app.BoltUri(), options.AuthenticationEnabled);
        try
        {
            file.Write(databaseDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: cannot record the server's address in {ServerAddressFile.PathIn(databaseDirectory)} ({e.Message}); other commands will not find it.");
        }
        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        finally
        {
            ServerAddressFile.Delete(databaseDirectory);
            await app.StopAsync(CancellationToken.None);
        }
    }
}
