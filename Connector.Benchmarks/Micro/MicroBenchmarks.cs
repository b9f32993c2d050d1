using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Connector.Benchmarks.Micro;

/// <summary>
/// <c>micro [BenchmarkDotNet args]</c>: the hot-path micro benchmarks. They run in-process (InProcessEmitToolchain: no
/// generated project to build, so the house build settings do not get in the way) with a short job; pass
/// <c>--filter *Rql*</c> and other BenchmarkDotNet arguments after <c>micro</c>. Everything runs when no filter is given.
/// </summary>
internal static class MicroBenchmarks
{
    public static int Run(IReadOnlyList<string> args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var arguments = args.Any(a => a.StartsWith("--filter", StringComparison.Ordinal) || a == "-f") ? args.ToArray() : [.. args, "--filter", "*"];
        var summaries = BenchmarkSwitcher
            .FromTypes([typeof(RqlBuildBenchmarks), typeof(JsonArraySplitterBenchmarks), typeof(ResultWritingBenchmarks), typeof(InputProfileBenchmarks), typeof(AnswerCheckBenchmarks), typeof(OutboundOperationBenchmarks), typeof(HttpTransportBenchmarks)])
            .Run(arguments, config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
