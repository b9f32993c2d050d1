using System.Text;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Reliability;

/// <summary>What a fault test injects (the sandbox's fault kinds plus two kinds of latency).</summary>
public enum InjectedFault
{
    TooManyRequests,
    ServerError500,
    BadGateway502,
    ServiceUnavailable503,
    Timeout,
    ResetMidBody,
    TruncatedJson,
    MissingContentRange,
    WrongContentRange,
    SlowPages,
}

/// <summary>The operation kinds the fault matrix runs.</summary>
public enum OperationScenario
{
    Get,
    Query,
    Create,
    Update,
    Delete,
    Execute,
    BulkClose,
    Download,
}

/// <summary>
/// Every operation kind under every fault the sandbox injects. Promises checked: each input document gets exactly one
/// result; a search delivers every matching record exactly once or ends in FAILURE saying how many it delivered; a
/// non-idempotent POST is never processed twice (by the request log and by the store); what is safe to retry is
/// retried until it succeeds.
/// </summary>
/// <remarks>
/// How the sandbox decides whether a faulted request was processed (Connector.Sandbox/Http/SandboxPipeline.cs):
/// 429, 500, 502 and 503 answer BEFORE the endpoint runs (not processed, logged with that status); Latency waits and
/// then runs the endpoint unless the client went away meanwhile (a timed-out attempt is aborted and not processed,
/// but logged with the default status 200); ResetMidBody, TruncatedJson, MissingContentRange and WrongContentRange
/// run the endpoint first and damage its answer (processed; logged with the endpoint's status, 200 for TruncatedJson).
/// So "2xx in the log" over-approximates "processed", and at most one 2xx POST per path and body is the check.
/// </remarks>
[TestFixtureSource(nameof(Scenarios))]
[Category("Reliability")]
[Parallelizable(ParallelScope.Self)]
public sealed class FaultToleranceTests(OperationScenario scenario) : ReliabilityFixtureBase
{
    private const int Documents = 4;
    private const int PageSize = 7;
    private const int BulkBatchSize = 2;
    private const string QueryRql = "eq(status,active)";

    /// <summary>One fixture (and sandbox) per operation kind, so that the kinds run in parallel.</summary>
    public static IEnumerable<OperationScenario> Scenarios => Enum.GetValues<OperationScenario>();

    protected override int RecordsPerType => 200;

    [Test]
    public async Task Operation_under_fault_keeps_its_promises([Values] InjectedFault fault)
    {
        Sandbox.Faults.Clear();
        Sandbox.RequestLog.Clear();
        var (method, prefix) = Target(scenario);
        var rule = Rule(fault, method, prefix);
        var prepared = Prepare(scenario);
        Sandbox.Faults.Add(rule);
        IReadOnlyList<DocumentResult> results;
        try
        {
            results = scenario == OperationScenario.Query
                ? [await Tester.QueryAsync("asset", QueryFilter.Where(ComparisonExpression.Of("status", "eq", "active")), new Dictionary<string, string?> { ["pageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })]
                : await Tester.ExecuteAsync(prepared.ObjectType, prepared.Operation, prepared.Inputs(Tester), prepared.Properties);
        }
        finally
        {
            Sandbox.Faults.Clear();
        }

        // A timed-out attempt is logged when the sandbox notices the client left: wait for it.
        var log = Sandbox.RequestLog.Entries;
        int Matching() => log.Count(e => string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase) && e.Path.StartsWith(prefix, StringComparison.Ordinal));
        for (var wait = 0; wait < 50 && Matching() < (rule.Nth ?? 1); wait++)
        {
            await Task.Delay(100);
            log = Sandbox.RequestLog.Entries;
        }

        var matching = Matching();
        var fired = rule.Count <= 0 ? matching : Math.Clamp(matching - (rule.Nth ?? 1) + 1, 0, rule.Count);
        ReliabilityTally.FaultsInjected(fired);
        Assert.That(fired, Is.GreaterThan(0), "the fault was injected");

        AssertOneResultEach(results, scenario == OperationScenario.Query ? 1 : Documents);
        Assert.That(results.Where(r => r.Status != OperationStatus.Success).Select(r => r.Message), Is.All.Not.Empty);
        AssertNoPostProcessedTwice(log);

        if (scenario == OperationScenario.Query)
        {
            AssertSearchDeliveredExactlyOnce(results[0], fault);
            return;
        }

        var failed = results.Count(r => r.Status != OperationStatus.Success);
        var perCall = scenario == OperationScenario.BulkClose ? BulkBatchSize : 1;
        Assert.That(failed, Is.LessThanOrEqualTo(fired * perCall), "only documents hit by a fault may fail: " + string.Join("\n", results));
        if (Survivable(scenario, fault))
        {
            Assert.That(results.Select(r => r.Status), Is.All.EqualTo(OperationStatus.Success), "a retryable fault is survived: " + string.Join("\n", results));
        }

        prepared.Verify(this, results);
    }

    /// <summary>Faults the connector must survive without any document failing.</summary>
    private static bool Survivable(OperationScenario scenario, InjectedFault fault)
    {
        var idempotent = scenario is OperationScenario.Get or OperationScenario.Update or OperationScenario.Delete or OperationScenario.Download;
        return fault switch
        {
            InjectedFault.TooManyRequests or InjectedFault.ServiceUnavailable503 or InjectedFault.SlowPages
                or InjectedFault.MissingContentRange => true,

            // A page whose Content-Range contradicts the offset asked for ends a search in FAILURE (never a silent
            // truncation); other operations do not read Content-Range.
            InjectedFault.WrongContentRange => scenario != OperationScenario.Query,
            InjectedFault.ServerError500 or InjectedFault.BadGateway502 or InjectedFault.Timeout => idempotent || scenario == OperationScenario.Query,
            InjectedFault.ResetMidBody or InjectedFault.TruncatedJson => idempotent || scenario == OperationScenario.Query,
            _ => false,
        };
    }

    private static FaultRule Rule(InjectedFault fault, string method, string prefix) => fault switch
    {
        InjectedFault.TooManyRequests => new FaultRule { Method = method, PathPrefix = prefix, Kind = FaultKind.TooManyRequests, RetryAfter = "1", Nth = 2 },
        InjectedFault.ServiceUnavailable503 => new FaultRule { Method = method, PathPrefix = prefix, Kind = FaultKind.ServiceUnavailable503, RetryAfter = "0", Nth = 2 },
        InjectedFault.Timeout => new FaultRule { Method = method, PathPrefix = prefix, Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(3), Nth = 2 },
        InjectedFault.SlowPages => new FaultRule { Method = method, PathPrefix = prefix, Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(150), Count = 0 },
        _ => new FaultRule { Method = method, PathPrefix = prefix, Kind = Enum.Parse<FaultKind>(fault.ToString()), Nth = 2 },
    };

    private static (string Method, string Prefix) Target(OperationScenario scenario) => scenario switch
    {
        OperationScenario.Get => ("GET", "/public/v1/requests/"),
        OperationScenario.Query => ("GET", "/public/v1/assets"),
        OperationScenario.Create => ("POST", "/public/v1/helpdesk/cases"),
        OperationScenario.Update => ("PUT", "/public/v1/tier/accounts/"),
        OperationScenario.Delete => ("DELETE", "/public/v1/tier/accounts/"),
        OperationScenario.Execute => ("POST", "/public/v1/requests/"),
        OperationScenario.BulkClose => ("POST", "/public/v1/usage/records/close-records"),
        OperationScenario.Download => ("GET", "/public/v1/usage/chunks/"),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    private Prepared Prepare(OperationScenario scenario)
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        return scenario switch
        {
            OperationScenario.Get => PrepareGet(),
            OperationScenario.Query => PrepareQuery(),
            OperationScenario.Create => PrepareCreate(marker),
            OperationScenario.Update => PrepareUpdate(marker),
            OperationScenario.Delete => PrepareDelete(),
            OperationScenario.Execute => PrepareExecute(),
            OperationScenario.BulkClose => PrepareBulkClose(marker),
            OperationScenario.Download => PrepareDownload(),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
    }

    private Prepared PrepareGet()
    {
        var ids = Take("requests", "ne(status,pending)", Documents);
        return new Prepared("request", "GET", t => ids.Select(id => t.EmptyDocument(Id(id))).ToList(), null, (f, results) =>
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (results[i].Status == OperationStatus.Success)
                {
                    Assert.That((string?)results[i].SingleObject()["id"], Is.EqualTo(ids[i]));
                }
            }
        });
    }

    private static Prepared PrepareQuery() => new("asset", "QUERY", _ => [], null, (_, _) => { });

    private Prepared PrepareCreate(string marker)
    {
        var product = (string)Sandbox.Store.Query("products", "limit=1")[0]["id"]!;
        var subjects = Enumerable.Range(0, Documents).Select(i => $"rel-{marker}-{i}").ToList();
        return new Prepared(
            "case",
            "CREATE",
            t => subjects.Select(s => t.Document($$$"""{"subject":"{{{s}}}","description":"It broke","priority":2,"type":"technical","product":{"id":"{{{product}}}"}}""")).ToList(),
            null,
            (f, results) =>
            {
                var cases = f.Sandbox.Store.Query("cases");
                for (var i = 0; i < subjects.Count; i++)
                {
                    var created = cases.Count(c => (string?)c["subject"] == subjects[i]);
                    ReliabilityTally.Duplicates(Math.Max(0, created - 1));
                    Assert.That(created, results[i].Status == OperationStatus.Success ? Is.EqualTo(1) : Is.LessThanOrEqualTo(1), $"cases created for {subjects[i]}");
                }
            });
    }

    private Prepared PrepareUpdate(string marker)
    {
        var ids = Take("tier_accounts", string.Empty, Documents);
        return new Prepared("tier_account", "UPDATE", t => ids.Select((id, i) => t.Document($$"""{"name":"Renamed {{marker}} {{i}}"}""", Id(id))).ToList(), null, (f, results) =>
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (results[i].Status == OperationStatus.Success)
                {
                    Assert.That((string?)f.Record("tier_accounts", ids[i])["name"], Is.EqualTo($"Renamed {marker} {i}"));
                }
            }
        });
    }

    private Prepared PrepareDelete()
    {
        var ids = Take("tier_accounts", string.Empty, Documents);
        return new Prepared("tier_account", "DELETE", t => ids.Select(id => t.EmptyDocument(Id(id))).ToList(), null, (f, results) =>
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (results[i].Status == OperationStatus.Success)
                {
                    Assert.That(f.Sandbox.Store.Get("tier_accounts", ids[i]), Is.Null, $"{ids[i]} was deleted");
                }
            }
        });
    }

    private Prepared PrepareExecute()
    {
        var ids = Take("requests", "eq(status,pending)", Documents);
        var template = Sandbox.Store.World.TemplateId(0, 0);
        return new Prepared("request", "APPROVE", t => ids.Select(id => t.Document($$"""{"template_id":"{{template}}"}""", Id(id))).ToList(), null, (f, results) =>
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (results[i].Status == OperationStatus.Success)
                {
                    Assert.That((string?)f.Record("requests", ids[i])["status"], Is.EqualTo("approved"));
                }
            }
        });
    }

    private Prepared PrepareBulkClose(string marker)
    {
        var ids = Take("usage_records", "eq(status,valid)", Documents);
        return new Prepared(
            "usage_record",
            "BULK_CLOSE",
            t => ids.Select((id, i) => t.Document($$"""{"id":"{{id}}","external_billing_id":"INV-{{marker}}-{{i}}","external_billing_note":"n"}""")).ToList(),
            new Dictionary<string, string?> { ["batchSize"] = BulkBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            (f, results) =>
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    if (results[i].Status == OperationStatus.Success)
                    {
                        Assert.That((string?)f.Record("usage_records", ids[i])["status"], Is.EqualTo("closed"));
                    }
                }
            });
    }

    private Prepared PrepareDownload()
    {
        var ids = Take("usage_chunks", string.Empty, Documents);
        return new Prepared("usage_chunk", "DOWNLOAD", t => ids.Select(id => t.EmptyDocument(Id(id))).ToList(), null, (f, results) =>
        {
            foreach (var result in results.Where(r => r.Status == OperationStatus.Success))
            {
                Assert.That(result.Payloads.Single().Bytes.AsSpan(0, 2).ToArray(), Is.EqualTo("PK"u8.ToArray()), "an xlsx (zip) file");
            }
        });
    }

    private static Dictionary<string, string?> Id(string id) => new() { ["objectId"] = id };

    private void AssertSearchDeliveredExactlyOnce(DocumentResult result, InjectedFault fault)
    {
        var expected = Sandbox.Store.Query("assets", QueryRql).Select(r => (string)r["id"]!).ToList();
        var delivered = result.Json.Select(j => (string?)j["id"]).ToList();
        var duplicates = delivered.Count - delivered.Distinct().Count();
        ReliabilityTally.Duplicates(duplicates);
        Assert.That(duplicates, Is.Zero, "no record delivered twice");
        Assert.That(delivered, Is.SubsetOf(expected));
        if (result.Status == OperationStatus.Success)
        {
            Assert.That(delivered, Is.EquivalentTo(expected), "a successful search delivers every matching record");
        }
        else
        {
            Assert.That(result.Status, Is.EqualTo(OperationStatus.Failure), result.ToString());
            Assert.That(result.Message, Does.Contain($"{delivered.Count} record"), "a failed search says how many records it delivered");
        }

        if (Survivable(OperationScenario.Query, fault))
        {
            Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        }
    }

    private static void AssertNoPostProcessedTwice(IReadOnlyList<SandboxRequestLogEntry> log)
    {
        var twice = log
            .Where(e => e.Method == "POST" && e.Status is >= 200 and < 300)
            .GroupBy(e => (e.Path, e.Body))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Path} {g.Key.Body} x{g.Count()}")
            .ToList();
        ReliabilityTally.Duplicates(twice.Count);
        Assert.That(twice, Is.Empty, "a non-idempotent POST reached its endpoint more than once");
    }

    private sealed record Prepared(
        string ObjectType,
        string Operation,
        Func<ConnectorTester, List<Connector.Core.Documents.TrackedDocument>> Inputs,
        Dictionary<string, string?>? Properties,
        Action<FaultToleranceTests, IReadOnlyList<DocumentResult>> Verify);
}
