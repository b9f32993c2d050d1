using System.Globalization;
using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Operations;
using Connector.Tests.Browse;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.RealPayloads;

/// <summary>
/// The profiles against the real-payload corpus (TestData/RealPayloads): per object type, every OUTPUT profile that is
/// the object (its root has the object's id property) must accept every response and list item of that type (100%) and
/// describe at least 95% of their leaf field paths (see <see cref="ProfileCoverage"/>); every INPUT profile must accept
/// the request bodies sent to its endpoint. The report also gives the describe % over the payloads captured from the API
/// alone (the corpus's <c>copied-from-api</c>, not its hand-made samples). The figures are printed (run with
/// <c>dotnet test Connector.Tests -c Release --filter FullyQualifiedName~RealPayloadProfileTests --logger "console;verbosity=detailed"</c>).
/// </summary>
[TestFixture]
public sealed class RealPayloadProfileTests
{
    private const double RequiredDescribe = 95.0;

    /// <summary>
    /// Object types whose real payloads carry leaf paths that the OpenAPI document gives no object of that name anywhere,
    /// so no rule derived from the document can describe them (only learning, <c>connector schema OBJECT OPERATION --learn</c>,
    /// does): they are held to today's figure (a floor that catches regressions) instead of 95%, each with the paths that
    /// keep it below. Every other object type must reach 95%. Remove an entry when it reaches 95%.
    /// </summary>
    private static readonly Dictionary<string, double> KnownDescribeShortfalls = new(StringComparer.Ordinal)
    {
        // All from the hand-made sample helpdesk_case/zapier__case.json (an older case shape): state.current/next/all[]
        // (`state` is a string in every schema of the document, 16 of them, and no property is named `current`/`next`/`all`
        // as a state), from/to.{account.id, actor.id, cc[].id} (the document's only `from`/`to` are offer-switch plans and
        // period dates; no helpdesk object has them, nor `actor` or `cc` anywhere), product.title/logo (helpdesk.Product is
        // {id, name, icon}; no product schema has `title` or `logo`).
        ["case"] = 78.2,

        // From a hand-made sample: events.created.updated.* (`updated` nested inside `created`; no events object of the
        // document nests events). (A message's `conversation` as `{id}` is described by owner-id-also-reference.)
        ["conversation_message"] = 89.9,

        // marketplace.{id,name,icon}: no tier account schema (dp.TierAccountDetail, Version, Create, Update,
        // subscriptions.TierAccount) has a marketplace, GET /tier/accounts has no marketplace filter, no path puts accounts
        // under a marketplace; the tier configuration's `marketplace` beside its `account` is the configuration's, and a hub
        // has many marketplaces (/hubs/{hub_id}/marketplaces), so the document never makes a marketplace a tier account's.
        ["tier_account"] = 92.9,

        // account.marketplace.{id,name,icon}: as for tier_account (dp.TierAccountRequest's account has no marketplace either).
        ["tier_account_request"] = 94.7,
    };

    [Test]
    public async Task Every_output_profile_accepts_and_describes_the_real_responses_of_its_object_type()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var failures = new List<string>();
        var report = new List<string> { $"{"object type",-22} {"samples",7} {"profiles",8} {"accept %",9} {"describe %",10} {"captured %",10}  worst profile (describe)" };
        foreach (var group in ResponseSamples().GroupBy(s => s.DescriptorId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var samples = group.ToList();
            var profiles = ObjectOutputProfiles(catalog, group.Key).ToList();
            Assert.That(profiles, Is.Not.Empty, $"{group.Key} has no OUTPUT profile describing the object");
            var figures = profiles.Select(p => Measure(p, samples)).ToList();
            var accept = figures.Min(f => f.AcceptPercent);
            var worst = figures.OrderBy(f => f.DescribePercent).First();
            var captured = CapturedDescribePercent(profiles, samples);
            report.Add(string.Create(CultureInfo.InvariantCulture, $"{group.Key,-22} {samples.Count,7} {profiles.Count,8} {accept,9:0.0} {worst.DescribePercent,10:0.0} {captured,10}  {worst.Entry}"));
            failures.AddRange(figures.SelectMany(f => f.Rejections).Take(5));
            if (worst.DescribePercent < KnownDescribeShortfalls.GetValueOrDefault(group.Key, RequiredDescribe))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{worst.Entry} describes {worst.DescribePercent:0.0}% of the leaf paths; most missed: {string.Join(", ", worst.Missed.Take(8))}"));
            }
        }

        await TestContext.Out.WriteLineAsync(string.Join(Environment.NewLine, report));
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, report));
    }

    [Test]
    public async Task Every_input_profile_accepts_the_real_request_bodies_sent_to_its_endpoint()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var checkedBodies = 0;
        var failures = new List<string>();
        var report = new List<string>();
        foreach (var payload in RealPayloadCorpus.Payloads.Where(p => p.IsRequestBody))
        {
            var entry = InputEntry(catalog, payload);
            if (entry is null)
            {
                report.Add($"{payload.Path}: {payload.Endpoint()?.Method} {payload.Endpoint()?.Path} is not an operation of the descriptor (not checked)");
                continue;
            }

            Assert.That(entry.InputSchema, Is.Not.Null, $"{entry} takes no JSON body, but {payload.Path} is one");
            foreach (var sample in payload.Samples())
            {
                checkedBodies++;
                var errors = entry.InputSchema!.Validate(sample.Value.ToString(Formatting.None));
                if (errors.Count > 0)
                {
                    failures.Add($"{sample.Name} rejected by the INPUT of {entry}: {string.Join("; ", errors.Select(e => e.ToString()))}");
                }
            }

            report.Add($"{payload.Path}: INPUT of {entry} accepts it");
        }

        await TestContext.Out.WriteLineAsync(string.Join(Environment.NewLine, report));
        Assert.That(checkedBodies, Is.GreaterThanOrEqualTo(18));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void The_corpus_is_complete_and_every_payload_is_json_of_its_role()
    {
        var files = Directory.EnumerateFiles(TestPaths.RealPayloads, "*.json", SearchOption.AllDirectories).ToList();

        Assert.That(RealPayloadCorpus.Payloads, Has.Count.EqualTo(107));
        Assert.That(files, Has.Count.EqualTo(107));
        foreach (var payload in RealPayloadCorpus.Payloads)
        {
            var content = payload.Read();
            Assert.That(content.Type, Is.EqualTo(payload.Role == "list-response" ? JTokenType.Array : JTokenType.Object).Or.EqualTo(JTokenType.Array), payload.Path);
        }
    }

    private static IEnumerable<(string DescriptorId, CorpusSample Sample)> ResponseSamples() =>
        RealPayloadCorpus.Payloads
            .Where(p => !p.IsRequestBody && RealPayloadCorpus.DescriptorId(p.ObjectType) is not null)
            .SelectMany(p => p.Samples().Select(s => (RealPayloadCorpus.DescriptorId(p.ObjectType)!, s)));

    private static IEnumerable<ConnectCatalogEntry> ObjectOutputProfiles(ConnectCatalog catalog, string objectTypeId) =>
        catalog.Entries.Where(e => e.ObjectType.Id == objectTypeId
            && e.OutputSchemaJson?["properties"]?[e.ObjectType.IdProperty] is not null
            && !e.Operation.Response.PerRecordStatus);

    private static ConnectCatalogEntry? InputEntry(ConnectCatalog catalog, CorpusPayload payload)
    {
        if (payload.Endpoint() is not { } endpoint || RealPayloadCorpus.DescriptorId(payload.ObjectType) is not { } objectTypeId)
        {
            return null;
        }

        return catalog.Entries.FirstOrDefault(e => e.ObjectType.Id == objectTypeId
            && string.Equals(e.Operation.Method, endpoint.Method, StringComparison.OrdinalIgnoreCase)
            && Literals(e.Operation.Path).SequenceEqual(Literals(endpoint.Path)));
    }

    /// <summary>A path's literal segments (parameters dropped): the corpus notes name parameters differently.</summary>
    private static IEnumerable<string> Literals(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => !s.StartsWith('{'));

    /// <summary>
    /// The worst profile's describe % over the samples the corpus marks <c>copied-from-api</c> (captured from Connect, not
    /// hand-made), for the report only: "-" when the type has none. The pass mark counts every sample.
    /// </summary>
    private static string CapturedDescribePercent(IReadOnlyList<ConnectCatalogEntry> profiles, IReadOnlyList<(string DescriptorId, CorpusSample Sample)> samples)
    {
        var captured = samples.Where(s => s.Sample.Payload.Realism == "copied-from-api").ToList();
        return captured.Count == 0
            ? "-"
            : profiles.Min(p => Measure(p, captured).DescribePercent).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static ProfileFigures Measure(ConnectCatalogEntry entry, IReadOnlyList<(string DescriptorId, CorpusSample Sample)> samples)
    {
        var coverage = new ProfileCoverage(entry.OutputSchemaJson!);
        var rejections = new List<string>();
        var (leaves, described) = (0, 0);
        var missed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, sample) in samples)
        {
            var errors = entry.OutputSchema!.Validate(sample.Value.ToString(Formatting.None));
            if (errors.Count > 0)
            {
                rejections.Add($"{sample.Name} rejected by the OUTPUT of {entry}: {string.Join("; ", errors.Take(3).Select(e => e.ToString()))}");
            }

            foreach (var path in ProfileCoverage.LeafPaths(sample.Value))
            {
                leaves++;
                if (coverage.Describes(path))
                {
                    described++;
                }
                else
                {
                    var key = string.Join(".", path);
                    missed[key] = missed.GetValueOrDefault(key) + 1;
                }
            }
        }

        return new ProfileFigures(
            entry.ToString(),
            100.0 * (samples.Count - rejections.Count) / samples.Count,
            leaves == 0 ? 100.0 : 100.0 * described / leaves,
            rejections,
            missed.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} ({m.Value})").ToList());
    }

    private sealed record ProfileFigures(string Entry, double AcceptPercent, double DescribePercent, IReadOnlyList<string> Rejections, IReadOnlyList<string> Missed);
}
