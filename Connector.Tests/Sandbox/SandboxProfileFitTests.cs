using System.Globalization;
using Connector.Browse.Catalog;
using Connector.Core.Operations;
using Connector.Tests.Browse;
using Connector.Tests.RealPayloads;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>
/// What the sandbox serves is what the profiles describe: a mapping built against the sandbox maps every field the sandbox
/// sends. For every list of the descriptor (its QUERYs; a child list, such as a conversation's messages, under its parent
/// type's first record), the records of the first page are read from the sandbox and measured with that QUERY's OUTPUT
/// profile, as <see cref="RealPayloadProfileTests"/> measures the real payloads: each record must be accepted and each of
/// its leaf field paths described, but for the real shapes the sandbox serves on purpose that no rule derived from the
/// document can describe (<see cref="NotDescribable"/>).
/// </summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxProfileFitTests : SandboxFixtureBase
{
    private const string StructuredValue = "free-form: its keys are the product's own";
    private const string HubReference =
        "real hub references carry `instance_id`, a field of the whole hub (dp.Hub) but of no hub reference ({id, name} or {id, name, instance}; references stay references, see embedded-reference-expanded), and `account_id`, which no hub schema has";
    private const string TierAccountMarketplace = "real tier accounts carry a marketplace no tier account schema of the document has";

    /// <summary>
    /// Per QUERY, the beginnings of the leaf paths the sandbox serves, as real Connect does, that the profile cannot describe,
    /// with why: any other path not described fails the test, and so does an entry no longer needed.
    /// </summary>
    private static readonly Dictionary<string, (string Path, string Why)[]> NotDescribable = new(StringComparer.Ordinal)
    {
        ["asset QUERY"] = [("connection.hub.account_id", HubReference), ("connection.hub.instance_id", HubReference), ("params.[].structured_value.", StructuredValue)],
        ["request QUERY"] =
        [
            ("asset.connection.hub.account_id", HubReference), ("asset.connection.hub.instance_id", HubReference), ("asset.params.[].structured_value.", StructuredValue),
            ("external_attributes", "an empty object no request schema has"), ("template.message", "the rendered template text; the document's request template is {id, name}"),
        ],
        ["tier_account QUERY"] = [("marketplace.", TierAccountMarketplace)],
        ["tier_account_version QUERY"] = [("marketplace.", TierAccountMarketplace)],
        ["tier_account_request QUERY"] = [("account.marketplace.", TierAccountMarketplace)],
        ["subscription_request QUERY"] =
        [
            ("asset.params.[].structured_value.", StructuredValue), ("attributes.provider", "an empty object; the document gives attributes as an array"),
            ("attributes.vendor.", "free-form: the vendor's own attributes"),
        ],
        ["subscription_asset QUERY"] = [("params.[].structured_value.", StructuredValue)],
        ["product QUERY"] = [("media.position", "documented only in the body that creates a media item")],
        ["case QUERY"] = [("state.", "the helpdesk state as {current, next, all}; `state` is a string in every schema of the document")],
    };

    [Test]
    public async Task Every_record_a_list_serves_is_accepted_and_fully_described_by_its_profile()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var lists = catalog.Entries.Where(e => e.Operation.Type == OperationType.Query && e.OutputSchemaJson is not null).ToList();
        var failures = new List<string>();
        var report = new List<string>();
        foreach (var entry in lists)
        {
            var url = await ListPathAsync(entry, lists);
            var (response, json) = await Client.GetAsync(url + "?limit=25");
            Assert.That(response.IsSuccessStatusCode, $"{entry}: GET {url} answered {(int)response.StatusCode}");
            var records = JArray.Parse(json!.ToJsonString()).Children<JObject>().ToList();
            var coverage = new ProfileCoverage(entry.OutputSchemaJson!);
            var (leaves, missed) = (0, new SortedSet<string>(StringComparer.Ordinal));
            foreach (var record in records)
            {
                var errors = entry.OutputSchema!.Validate(record.ToString(Newtonsoft.Json.Formatting.None));
                failures.AddRange(errors.Take(3).Select(e => $"{entry}: {record["id"]} rejected: {e}"));
                foreach (var path in ProfileCoverage.LeafPaths(record))
                {
                    leaves++;
                    if (!coverage.Describes(path))
                    {
                        missed.Add(string.Join(".", path));
                    }
                }
            }

            report.Add(string.Create(CultureInfo.InvariantCulture, $"{entry,-32} {records.Count,3} records {leaves,6} leaves, not described: {(missed.Count == 0 ? "none" : string.Join(", ", missed))}"));
            failures.AddRange(Unexpected(entry.ToString(), missed));
        }

        await TestContext.Out.WriteLineAsync(string.Join(Environment.NewLine, report));
        Assert.That(lists, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(failures, Is.Empty);
        Assert.That(NotDescribable.Keys.Except(lists.Select(l => l.ToString())), Is.Empty, "every entry names a list of the descriptor");
    }

    /// <summary>A list's path, relative to the API root; a child list's parameter (its parent's id) is the parent type's first record.</summary>
    private async Task<string> ListPathAsync(ConnectCatalogEntry entry, IReadOnlyList<ConnectCatalogEntry> lists)
    {
        var path = entry.Operation.Path.TrimStart('/');
        var open = path.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return path;
        }

        var parentList = lists.Single(l => l.ObjectType.Id == entry.ObjectType.Parent && !l.Operation.Path.Contains('{', StringComparison.Ordinal));
        var (_, parents) = await Client.GetAsync(parentList.Operation.Path.TrimStart('/') + "?limit=1");
        var parentId = (string)parents!.AsArray()[0]!["id"]!;
        return path[..open] + parentId + path[(path.IndexOf('}', open) + 1)..];
    }

    /// <summary>The paths a list's profile misses that <see cref="NotDescribable"/> does not explain, and its entries no path needs.</summary>
    private static IEnumerable<string> Unexpected(string list, IReadOnlyCollection<string> missed)
    {
        var known = NotDescribable.GetValueOrDefault(list, []);
        foreach (var path in missed.Where(p => !known.Any(k => p.StartsWith(k.Path, StringComparison.Ordinal))))
        {
            yield return $"{list} does not describe {path}";
        }

        foreach (var (path, why) in known.Where(k => !missed.Any(p => p.StartsWith(k.Path, StringComparison.Ordinal))))
        {
            yield return $"{list} now describes {path}* ({why}): remove it from NotDescribable";
        }
    }
}
