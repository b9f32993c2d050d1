using System.Text;
using Connector.Core.Browsing;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations.Connection;
using Connector.Sandbox;
using Connector.Tests.Host;
using NUnit.Framework;

namespace Connector.Tests.Reliability;

/// <summary>
/// The API key never leaks: not in any log line (every level, every logger), exception message, result message or
/// payload, whatever happens (successes, 404s, retried faults, timeouts, bad input); a wrong key is reported as
/// "the API key was rejected".
/// </summary>
[TestFixture]
[Category("Reliability")]
public sealed class SecretsTests : ReliabilityFixtureBase
{
    public const string CanaryKey = "SU-777-888-999:Zz-Canary-5ecret-XYZ";
    private const string CanarySecret = "Zz-Canary-5ecret-XYZ";
    private readonly List<string> _texts = [];

    protected override string ApiKey => CanaryKey;

    [Test]
    public async Task The_key_appears_in_no_log_line_message_payload_or_exception()
    {
        var request = (string)Sandbox.Store.Query("requests", "limit=1")[0]["id"]!;
        Sandbox.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/public/v1/requests/", Kind = FaultKind.ServerError500, Count = 2 });
        Sandbox.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/public/v1/assets", Kind = FaultKind.TooManyRequests, RetryAfter = "0", Count = 1 });
        Sandbox.Faults.Add(new FaultRule { Method = "POST", PathPrefix = "/public/v1/helpdesk/cases", Kind = FaultKind.BadGateway502, Count = 1 });
        ReliabilityTally.FaultsInjected(4);
        try
        {
            Collect(await Tester.ExecuteAsync("request", "GET", [
                Tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = request }),
                Tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = "PR-0000-0000-0000-999" }),
                Tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = "../x" }),
            ]));
            Collect([await Tester.QueryAsync("asset", QueryFilter.Where(ComparisonExpression.Of("status", "eq", "active")), new Dictionary<string, string?> { ["maxResults"] = "5" })]);
            Collect([await Tester.QueryAsync("asset", QueryFilter.Where(ComparisonExpression.Of("colour", "eq", "red")))]);
            Collect(await Tester.ExecuteAsync("case", "CREATE", [Tester.Document("""{"subject":"s","description":"d","priority":1,"type":"technical"}"""), Tester.Document("not json")]));
            Collect(await Tester.ExecuteAsync("request", "APPROVE", [Tester.Document("""{"template_id":"TL-1"}""", new Dictionary<string, string?> { ["objectId"] = request })]));
        }
        finally
        {
            Sandbox.Faults.Clear();
        }

        // Connection tests: a good one, one to a closed port (its exception message), one with a bad setting.
        await Connector.CreateConnectionTester(Tester.ConnectionProperties).TestConnectionAsync(CancellationToken.None);
        var closed = ConnectionProperties(CanaryKey);
        closed[ConnectionFieldIds.Url] = "http://127.0.0.1:9/public/v1";
        closed[ConnectionFieldIds.MaxRetries] = "0";
        var unreachable = new ConnectorTester(Connector, closed);
        var transport = await Assert.CatchAsync<ConnectionTestException>(() => Connector.CreateConnectionTester(unreachable.ConnectionProperties).TestConnectionAsync(CancellationToken.None));
        _texts.Add(transport!.ToString());
        Collect(await unreachable.ExecuteAsync("request", "GET", [unreachable.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = request })]));
        var badSetting = ConnectionProperties(CanaryKey);
        badSetting[ConnectionFieldIds.MaxRetries] = "99";
        var context = global::Connector.Core.Contexts.OperationContext.Create(Descriptor, "asset", "QUERY", badSetting);
        _texts.Add(Assert.Catch(() => Connector.CreateOperation(context))!.ToString());

        _texts.AddRange(Logs.Lines);
        Assert.That(Logs.Lines, Is.Not.Empty, "the run logged something");
        Assert.That(_texts.Where(t => t.Contains(CanarySecret, StringComparison.Ordinal) || t.Contains("SU-777-888-999", StringComparison.Ordinal)), Is.Empty);
        TestContext.Out.WriteLine($"{_texts.Count} texts checked, {Logs.Lines.Count} of them log lines");
    }

    [Test]
    public async Task A_wrong_key_is_reported_as_rejected_without_showing_it()
    {
        const string wrongKey = "SU-111-222-333:Wrong-5ecret-000";
        var tester = new ConnectorTester(Connector, ConnectionProperties(wrongKey));
        var request = (string)Sandbox.Store.Query("requests", "limit=1")[0]["id"]!;
        var get = await tester.ExecuteAsync("request", "GET", [tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = request })]);
        var query = await tester.QueryAsync("asset", QueryFilter.All);
        var create = await tester.ExecuteAsync("case", "CREATE", [tester.Document("""{"subject":"s","description":"d","priority":1,"type":"technical"}""")]);
        var connection = await Assert.CatchAsync<ConnectionTestException>(() => Connector.CreateConnectionTester(tester.ConnectionProperties).TestConnectionAsync(CancellationToken.None));
        var results = get.Concat([query]).Concat(create).ToList();
        ReliabilityTally.Results(results);
        Assert.Multiple(() =>
        {
            foreach (var result in results)
            {
                Assert.That(result.Status, Is.Not.EqualTo(OperationStatus.Success), result.ToString());
                Assert.That(result.Message, Does.Contain("the API key was rejected"), result.ToString());
                Assert.That(result.Message, Does.Not.Contain("Wrong-5ecret-000"));
            }

            Assert.That(connection!.Message, Does.Contain("the API key was rejected"));
            Assert.That(Logs.Lines.Where(l => l.Contains("Wrong-5ecret-000", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public async Task The_command_line_never_prints_the_key()
    {
        var url = Sandbox.BaseUrl.ToString();
        var request = (string)Sandbox.Store.Query("requests", "limit=1")[0]["id"]!;
        var runs = new List<HostRun>
        {
            await HostRun.RunAsync("-vv", "--url", url, "--api-key", CanaryKey, "query", "asset", "--max", "3"),
            await HostRun.RunAsync("-vv", "--url", url, "--api-key", CanaryKey, "get", "request", request, "PR-0000-0000-0000-999", "../x"),
            await HostRun.RunAsync("-vv", "--url", url, "--api-key", CanaryKey, "query", "asset", "--filter", "colour eq red"),
            await HostRun.RunAsync("-vv", "--url", url, "--api-key", CanaryKey, "query", "asset", CanaryKey),
            await HostRun.RunAsync("-vv", "--url", "http://connect.example.com/public/v1", "--api-key", CanaryKey, "query", "asset"),
            await HostRun.RunAsync("-vv", "--url", url, "--api-key", "SU-777-888-999:Zz-Canary-5ecret-XYZ-wrong", "query", "asset"),
        };
        Assert.Multiple(() =>
        {
            Assert.That(runs[0].ExitCode, Is.Zero, runs[0].ToString());
            foreach (var run in runs)
            {
                Assert.That(run.Stdout + run.Stderr, Does.Not.Contain(CanarySecret).And.Not.Contain("SU-777-888-999"), run.ToString());
            }

            Assert.That(runs[^1].Stdout + runs[^1].Stderr, Does.Contain("the API key was rejected"), runs[^1].ToString());
        });
    }

    private void Collect(IReadOnlyList<DocumentResult> results)
    {
        ReliabilityTally.Results(results);
        foreach (var result in results)
        {
            _texts.Add(result.ToString());
            _texts.AddRange(result.Payloads.Select(p => Encoding.UTF8.GetString(p.Bytes)));
        }
    }
}
