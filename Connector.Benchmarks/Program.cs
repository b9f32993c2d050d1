using Connector.Benchmarks.Cli;

return await BenchmarkCommand.RunAsync(args, Console.Out, CancellationToken.None).ConfigureAwait(false);
