using System.Text.Json.Nodes;
using Connector.Sandbox;
using Connector.Sandbox.Rql;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>
/// Every collection filters and orders unmodified seeded records through fields computed from the seed: each computed
/// field is what the generated record holds, and every query answers exactly what evaluating each record's JSON does,
/// changed and created records included.
/// </summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxComputedFieldTests : SandboxFixtureBase
{
    /// <inheritdoc/>
    protected override SandboxOptions Options => new() { RecordsPerType = 40, AssetCount = 21_000, UsageRecordCount = 3_000 };

    /// <summary>Every seeded collection; each computes its filter and sort fields.</summary>
    public static IEnumerable<string> Collections() =>
    [
        "assets", "requests", "tier_accounts", "tier_account_requests", "tier_configs", "tier_config_requests",
        "subscription_requests", "subscription_assets", "products", "usage_files", "usage_records", "usage_chunks",
        "usage_reconciliations", "usage_aggregates", "cases", "conversations", "messages",
    ];

    /// <summary>The list is every collection of the store, so a new collection is not left without computed fields.</summary>
    [Test]
    public void Every_collection_is_checked() =>
        Assert.That(Sandbox.Store.Collections, Is.EquivalentTo(Collections()));

    /// <summary>
    /// Every computed field of a sample of seeded records (about 60 per collection, both forms of a case's state
    /// among them) equals the one value its path reaches in the record; a computed null may also stand for a path the
    /// record lacks, which filters and orderings read as null alike.
    /// </summary>
    [TestCaseSource(nameof(Collections))]
    public void Computed_fields_are_what_the_records_hold(string collection)
    {
        var target = Sandbox.Store[collection];
        Assert.That(target.SeededFields, Is.Not.Empty);
        for (var index = 0; index < target.SeededCount; index += Math.Max(1, target.SeededCount / 60))
        {
            var record = target.Get(index)!.Node;
            foreach (var (path, field) in target.SeededFields)
            {
                var values = RqlEvaluator.Resolve(record, path);
                if (values.Count == 0)
                {
                    // A path the record lacks (the id of an empty tier) reads as null in every filter and ordering, as a computed null does.
                    Assert.That(field.Value(index), Is.Null, $"{collection} {index} {path} is not in the record");
                    continue;
                }

                Assert.That(values, Has.Count.EqualTo(1), $"{collection} {index} {path}");
                Assert.That(field.Value(index)?.ToJsonString(), Is.EqualTo(values[0]?.ToJsonString()), $"{collection} {index} {path}");
            }
        }
    }

    /// <summary>A field said to rise with the index never falls from one seeded record to the next (range filters and orderings rely on it).</summary>
    [TestCaseSource(nameof(Collections))]
    public void Fields_that_rise_with_the_index_never_fall(string collection)
    {
        var target = Sandbox.Store[collection];
        foreach (var (path, field) in target.SeededFields.Where(f => f.Value.RisesWithIndex))
        {
            for (var index = 1; index < target.SeededCount; index += Math.Max(1, target.SeededCount / 500))
            {
                Assert.That(string.CompareOrdinal(field.Text(index - 1), field.Text(index)), Is.LessThanOrEqualTo(0), $"{collection} {path} at {index}");
            }
        }
    }

    /// <summary>Filters and orderings over computed fields, other fields, changed and created records: the same records in the same order.</summary>
    [TestCase("assets", "and(eq(status,active),eq(product.id,{product}))&ordering(-created)")]
    [TestCase("assets", "in(status,(suspended,terminated))&ordering(status,-id)")]
    [TestCase("assets", "or(eq(marketplace.id,{marketplace}),ilike(external_uid,*AB*))&ordering(updated)")]
    [TestCase("assets", "gt(created,2023-03-01)&lt(created,2023-06-01)&ordering(created)")]
    [TestCase("assets", "not(eq(tiers.customer.id,{customer}))&eq(status,suspended)&ordering(-id)")]
    [TestCase("assets", "or(eq(params.value,tenant5),eq(status,draft))&ordering(-created)")]
    [TestCase("assets", "eq(status,suspended)&ordering(created)")]
    [TestCase("usage_records", "and(eq(status,{status}),eq(asset.id,{asset}))&ordering(-id)")]
    [TestCase("usage_records", "eq(usagefile.id,{file})&ordering(start_date,id)")]
    [TestCase("requests", "and(eq(status,pending),eq(asset.product.id,{product}))&ordering(-updated)")]
    [TestCase("requests", "gt(updated,2023-06-01)&ordering(updated)")]
    [TestCase("requests", "in(asset.status,(processing))&ordering(-created)")]
    [TestCase("subscription_assets", "eq(status,active)&ordering(billing.next_date,-id)")]
    [TestCase("tier_config_requests", "eq(configuration.product.id,{product})&ordering(-events.updated.at)")]
    [TestCase("tier_account_requests", "eq(status,pending)&ordering(account.name)")]
    [TestCase("cases", "eq(state,pending)&ordering(-events.created.at)")]
    [TestCase("conversations", "eq(instance_id,{request})")]
    [TestCase("messages", "eq(type,message)&ordering(-created)")]
    [TestCase("usage_files", "gt(events.updated.at,2023-09-01)&ordering(events.updated.at)")]
    [TestCase("tier_accounts", "ilike(name,*acme*)&ordering(-events.created.at)")]
    public void Queries_agree_with_evaluating_every_record(string collection, string template)
    {
        ChangeAndCreateAssets();
        var sample = Sandbox.Store.Get("usage_records", Sandbox.Store.Query("usage_records", "limit=1&offset=17")[0]["id"]!.GetValue<string>())!;
        var rql = template
            .Replace("{product}", Sandbox.Store.Query("products", "limit=1&offset=3")[0]["id"]!.GetValue<string>(), StringComparison.Ordinal)
            .Replace("{marketplace}", Record("assets", AssetId(12))["marketplace"]!["id"]!.GetValue<string>(), StringComparison.Ordinal)
            .Replace("{customer}", Record("assets", AssetId(5))["tiers"]!["customer"]!["id"]!.GetValue<string>(), StringComparison.Ordinal)
            .Replace("{status}", sample["status"]!.GetValue<string>(), StringComparison.Ordinal)
            .Replace("{asset}", sample["asset"]!["id"]!.GetValue<string>(), StringComparison.Ordinal)
            .Replace("{file}", sample["usagefile"]!["id"]!.GetValue<string>(), StringComparison.Ordinal)
            .Replace("{request}", Sandbox.Store.Query("requests", "limit=1&offset=9")[0]["id"]!.GetValue<string>(), StringComparison.Ordinal);
        var query = RqlParser.Parse(rql);
        var expected = Sandbox.Store.Query(collection)
            .Where(r => RqlEvaluator.Matches(r, query.Filter))
            .OrderBy(r => r, Comparer<JsonObject>.Create((a, b) => RqlEvaluator.Compare(a, b, query.Ordering)))
            .Select(r => r["id"]!.GetValue<string>())
            .ToList();
        var actual = Sandbox.Store.Query(collection, rql).Select(r => r["id"]!.GetValue<string>()).ToList();
        Assert.That(expected, Is.Not.Empty, rql);
        Assert.That(actual, Is.EqualTo(expected), rql);
    }

    private string AssetId(int index) => Sandbox.Store.Query("assets", $"limit=1&offset={index}")[0]["id"]!.GetValue<string>();

    /// <summary>Changes two seeded assets and creates two (one dated inside the seeded range), once per fixture.</summary>
    private void ChangeAndCreateAssets()
    {
        lock (this)
        {
            if (Sandbox.Store.Count("assets") > Options.AssetCount)
            {
                return;
            }

            foreach (var (index, status, created) in new[] { (7, "suspended", "2023-04-01T00:00:00+00:00"), (20_500, "draft", "2022-01-01T00:00:00+00:00") })
            {
                var changed = Record("assets", AssetId(index));
                changed["status"] = status;
                changed["created"] = created;
                Sandbox.Store.Put("assets", changed);
            }

            foreach (var created in new[] { "2025-06-01T00:00:00+00:00", "2023-05-01T12:00:00+00:00" })
            {
                var added = Record("assets", AssetId(3));
                added.Remove("id");
                added["status"] = "suspended";
                added["created"] = created;
                Sandbox.Store.Put("assets", added);
            }
        }
    }
}
