return await Graph.Cli.GraphCli.RunAsync(args);
