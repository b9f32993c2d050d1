using BenchmarkDotNet.Attributes;
using Connector.Benchmarks.Scenarios;
using Connector.Operations.Inbound;
using Connector.Sandbox;

namespace Connector.Benchmarks.Micro;

/// <summary>
/// The check every JSON answer of a single object gets (<c>JsonBody.CheckOneValue</c>: exactly one complete JSON value),
/// per answer, on the first pending request of the seed-42 sandbox (as long as an APPROVE's answer, about 7.5 KB), against
/// the actions baseline's own read of the same bytes to its end (<see cref="ActionsScenario.IsApproved"/>). The check's former form,
/// <c>Read</c>, <c>TrySkip</c>, <c>Read</c>, is kept as a third row: the plain loop of <c>Read</c> it was replaced with took
/// about four fifths of its time.
/// </summary>
[MemoryDiagnoser]
public class AnswerCheckBenchmarks
{
    private byte[] _answer = [];

    /// <summary>Takes the first pending request of a seed-42 sandbox as its JSON bytes.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42 }).ConfigureAwait(false);
        _answer = System.Text.Encoding.UTF8.GetBytes(sandbox.Store.Query("requests", "eq(status,pending)&limit=1")[0].ToJsonString());
    }

    /// <summary>The actions baseline's read of the answer: every token, the top-level status compared.</summary>
    /// <returns>Whether the answer says approved (a pending request: false).</returns>
    [Benchmark(Baseline = true)]
    public bool BaselineRead() => ActionsScenario.IsApproved(_answer);

    /// <summary>The connector's check.</summary>
    [Benchmark]
    public void CheckOneValue() => JsonBody.CheckOneValue(_answer);

    /// <summary>The check as it was before: the first token, <c>TrySkip</c> over the value, and a last <c>Read</c> that must find nothing.</summary>
    /// <returns>Whether the bytes are one complete value.</returns>
    [Benchmark]
    public bool ReadSkipRead()
    {
        var reader = new System.Text.Json.Utf8JsonReader(_answer, isFinalBlock: true, default);
        return reader.Read() && reader.TrySkip() && !reader.Read();
    }
}
