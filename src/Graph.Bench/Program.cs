using System.Text.Json;
using Graph.Bench;

// graph bench: see BenchOptions.Usage. `--worker plan.json result.json` is the internal entry of our engine's process.
if (args is ["--worker", var planPath, var resultPath]) return await EngineSide.WorkerMainAsync(planPath, resultPath);
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"graph bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

BenchRun run;
try
{
    run = await BenchRunner.RunAsync(options, Console.Error);
}
catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException)
{
    // a side that failed (the worker, Kùzu's script, their result files): its message names it; no stack trace
    Console.Error.WriteLine($"graph bench: {e.Message}");
    return 1;
}
var markdown = Report.Markdown(run, "dotnet run -c Release --project src/Graph.Bench -- " + string.Join(" ", args));
Console.WriteLine(markdown);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, markdown + "\nOur plans (EXPLAIN):\n\n" + Report.Plans(run));
    await File.WriteAllTextAsync(output + ".json", JsonSerializer.Serialize(run, BenchPlan.Json));
}
return 0;
