// Benchmark harness: filled in by the benchmarks work (issue 8).
Console.WriteLine("graph bench: not yet implemented");
return 1;
