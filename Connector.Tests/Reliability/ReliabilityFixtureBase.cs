using System.Text.Json.Nodes;
using Connector.Core.Descriptors;
using Connector.Core.Testing;
using Connector.Operations;
using Connector.Operations.Connection;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Reliability;

/// <summary>
/// One sandbox, one connector (logging into a <see cref="RecordingLoggerFactory"/>) and one tester per fixture, with
/// small retry settings: 3 retries, 10 ms base delay, 2 s cap, 2 s per attempt.
/// </summary>
public abstract class ReliabilityFixtureBase
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    protected ConnectSandbox Sandbox { get; private set; } = null!;

    protected ConnectConnector Connector { get; private set; } = null!;

    protected ConnectorTester Tester { get; private set; } = null!;

    internal RecordingLoggerFactory Logs { get; private set; } = null!;

    protected ConnectorDescriptor Descriptor { get; private set; } = null!;

    /// <summary>The API key the sandbox expects and the tester sends.</summary>
    protected virtual string ApiKey => SandboxOptions.DefaultApiKey;

    protected virtual int RecordsPerType => 60;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { RecordsPerType = RecordsPerType, ApiKey = ApiKey, Seed = 7 });
        Descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);
        Logs = new RecordingLoggerFactory();
        Connector = new ConnectConnector(Descriptor, Logs);
        Tester = new ConnectorTester(Connector, ConnectionProperties(ApiKey));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Connector.Dispose();
        Logs.Dispose();
        await Sandbox.DisposeAsync();
    }

    /// <summary>Connection properties for the sandbox with the suite's small retry settings.</summary>
    protected Dictionary<string, string?> ConnectionProperties(string apiKey) => new()
    {
        [ConnectionFieldIds.Url] = Sandbox.BaseUrl.ToString(),
        [ConnectionFieldIds.ApiKey] = apiKey,
        [ConnectionFieldIds.MaxRetries] = "3",
        [ConnectionFieldIds.RetryBaseDelayMilliseconds] = "10",
        [ConnectionFieldIds.RetryMaxDelaySeconds] = "2",
        [ConnectionFieldIds.RequestTimeoutSeconds] = "2",
    };

    /// <summary>Ids of records matching <paramref name="rql"/> that no other test of the fixture took yet.</summary>
    protected IReadOnlyList<string> Take(string collection, string rql, int count)
    {
        var ids = new List<string>();
        lock (_taken)
        {
            foreach (var record in Sandbox.Store.Query(collection, rql))
            {
                var id = (string)record["id"]!;
                if (_taken.Add(id))
                {
                    ids.Add(id);
                    if (ids.Count == count)
                    {
                        return ids;
                    }
                }
            }
        }

        Assert.Fail($"Only {ids.Count} free records in {collection} match {rql}; {count} needed.");
        return ids;
    }

    protected JsonObject Record(string collection, string id) =>
        Sandbox.Store.Get(collection, id) ?? throw new AssertionException($"{collection} {id} does not exist.");

    /// <summary>Asserts the harness invariant: each input got exactly one final result and the response saw no violation; records the numbers.</summary>
    protected void AssertOneResultEach(IReadOnlyList<DocumentResult> results, int inputs)
    {
        ReliabilityTally.Results(results);
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(inputs));
            Assert.That(results.Select(r => r.FinalResultCount), Is.All.EqualTo(1), string.Join("\n", results));
            Assert.That(Tester.LastViolations, Is.Empty);
        });
    }
}
