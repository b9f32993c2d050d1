using System.Text.Json.Nodes;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Operations.Querying;
using Connector.Sandbox.Rql;
using NUnit.Framework;

namespace Connector.Tests.Reliability;

/// <summary>
/// Property-based check of the RQL builder against the sandbox's parser and evaluator: thousands of seeded random
/// filter trees (values from real records and metacharacter-laden strings) select exactly the records an
/// independent in-memory evaluation of the Core tree selects; a few hundred go through HTTP searches too.
/// </summary>
[TestFixture]
[Category("Reliability")]
public sealed class RqlPropertyTests : ReliabilityFixtureBase
{
    private const string Collection = "requests";
    private List<JsonObject> _records = [];

    protected override int RecordsPerType => 120;

    [OneTimeSetUp]
    public void PlantNastyValues()
    {
        // Real records carrying the nasty values, absent fields and nulls, so that the filters select something.
        var requests = Sandbox.Store.Query(Collection);
        var nasty = RandomFilterGenerator.NastyValues;
        for (var i = 0; i < nasty.Length; i++)
        {
            var request = requests[i];
            var asset = request["asset"]!.AsObject();
            asset["external_id"] = nasty[i];
            if (asset["tiers"]?["customer"] is JsonObject customer)
            {
                customer["name"] = nasty[(i + 7) % nasty.Length];
            }

            Sandbox.Store.Put(Collection, request);
        }

        for (var i = nasty.Length; i < nasty.Length + 4; i++)
        {
            var request = requests[i];
            var asset = request["asset"]!.AsObject();
            asset.Remove("external_id");
            asset["contract"] = null;
            Sandbox.Store.Put(Collection, request);
        }

        _records = [.. Sandbox.Store.Query(Collection)];
    }

    [Test]
    public void Random_filter_trees_select_the_same_records_through_the_builder_and_the_sandbox_parser()
    {
        var generator = new RandomFilterGenerator(20240501, _records, documentedOnly: false);
        var problems = new List<string>();
        var refused = 0;
        const int Trees = 3000;
        for (var n = 0; n < Trees; n++)
        {
            var tree = generator.Next();
            string rql;
            try
            {
                rql = RqlQueryBuilder.Build(QueryFilter.Where(tree));
            }
            catch (InvalidQueryFilterException ex)
            {
                refused++;
                if (!HoldsBothQuotes(tree) || !ex.Message.Contains("both a double quote", StringComparison.Ordinal))
                {
                    problems.Add($"refused {tree}: {ex.Message}");
                }

                continue;
            }

            if (HoldsBothQuotes(tree))
            {
                problems.Add($"not refused although a value holds both quotes: {tree} -> {rql}");
                continue;
            }

            // What the server does: URL-decode the whole query string, then parse.
            IReadOnlyList<JsonObject> selected;
            try
            {
                selected = Sandbox.Store.Query(Collection, Uri.UnescapeDataString(rql));
            }
            catch (RqlSyntaxException ex)
            {
                problems.Add($"the sandbox cannot parse {rql} (from {tree}): {ex.Message}");
                continue;
            }

            var expected = _records.Where(r => InMemoryFilterEvaluator.Matches(r, tree)).Select(Id).ToList();
            var actual = selected.Select(Id).ToList();
            if (!expected.ToHashSet().SetEquals(actual) || actual.Count != actual.Distinct().Count())
            {
                problems.Add($"{tree} -> {Uri.UnescapeDataString(rql)}: expected {expected.Count} records, the sandbox selected {actual.Count} "
                    + $"(missing {string.Join(",", expected.Except(actual).Take(3))}; extra {string.Join(",", actual.Except(expected).Take(3))})");
            }
        }

        ReliabilityTally.RandomFilters(Trees);
        TestContext.Out.WriteLine($"{Trees} random filter trees, {refused} refused (a value with both quote kinds)");
        Assert.That(problems.Take(10), Is.Empty, $"{problems.Count} disagreements");
        Assert.That(refused, Is.GreaterThan(0).And.LessThan(Trees / 2), "the generator exercises refusals without drowning the rest");
    }

    [Test]
    public async Task Random_filters_through_http_searches_deliver_exactly_the_selected_records()
    {
        var generator = new RandomFilterGenerator(7, _records, documentedOnly: true);
        var problems = new List<string>();
        const int Trees = 300;
        for (var n = 0; n < Trees; n++)
        {
            var tree = generator.Next(2);
            var result = await Tester.QueryAsync("request", QueryFilter.Where(tree), new Dictionary<string, string?> { ["pageSize"] = "50" });
            ReliabilityTally.Results([result]);
            if (HoldsBothQuotes(tree))
            {
                if (result.Status != OperationStatus.ApplicationError || !result.Message.Contains("both a double quote", StringComparison.Ordinal))
                {
                    problems.Add($"{tree}: expected a clear refusal, got {result}");
                }

                continue;
            }

            var expected = _records.Where(r => InMemoryFilterEvaluator.Matches(r, tree)).Select(Id).ToList();
            var actual = result.Json.Select(j => (string)j["id"]!).ToList();
            if (result.Status != OperationStatus.Success || !expected.ToHashSet().SetEquals(actual) || actual.Count != actual.Distinct().Count())
            {
                problems.Add($"{tree}: {result.Status} {result.Message}; expected {expected.Count}, got {actual.Count}");
            }
        }

        ReliabilityTally.RandomFilters(Trees);
        Assert.That(problems.Take(10), Is.Empty, $"{problems.Count} disagreements");
    }

    [TestCaseSource(typeof(RandomFilterGenerator), nameof(RandomFilterGenerator.NastyValues))]
    public async Task A_metacharacter_value_arrives_as_one_eq_term(string value)
    {
        ReliabilityTally.BadInput();
        Sandbox.RequestLog.Clear();
        var result = await Tester.QueryAsync("request", QueryFilter.Where(ComparisonExpression.Of("asset.external_id", "eq", value)));
        ReliabilityTally.Results([result]);
        if (value.Contains('"', StringComparison.Ordinal) && value.Contains('\'', StringComparison.Ordinal))
        {
            Assert.That(result.Status, Is.EqualTo(OperationStatus.ApplicationError), result.ToString());
            Assert.That(result.Message, Does.Contain("asset.external_id").And.Contain("both a double quote"));
            Assert.That(Sandbox.RequestLog.Entries, Is.Empty, "nothing was sent");
            return;
        }

        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        var sent = Sandbox.RequestLog.Entries.Single(e => e.Path == "/public/v1/requests");
        var parsed = RqlParser.ParseRaw(sent.RawQuery);
        Assert.That(parsed.Filter, Is.EqualTo(new RqlComparison("eq", "asset.external_id", new RqlValue(RqlValueKind.Text, value))), sent.RawQuery);
        var expected = _records.Where(r => RandomFilterGenerator.Scalar(r, "asset.external_id") == value).Select(Id);
        Assert.That(result.Json.Select(j => (string)j["id"]!), Is.EquivalentTo(expected));
    }

    private static string Id(JsonObject record) => (string)record["id"]!;

    private static bool HoldsBothQuotes(FilterExpression expression) => expression switch
    {
        ComparisonExpression c => c.Arguments.Any(a => a.Contains('"', StringComparison.Ordinal) && a.Contains('\'', StringComparison.Ordinal)),
        NotExpression n => HoldsBothQuotes(n.Operand),
        GroupExpression g => g.Operands.Any(HoldsBothQuotes),
        _ => false,
    };
}
