using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Tests.RealPayloads;

/// <summary>
/// The real-payload corpus copied into the test data (TestData/RealPayloads, from ../shared/real-payloads): MANIFEST.tsv
/// lists each payload with its object type and role. Responses are one sample, list responses one sample per item,
/// request bodies one sample (one per element for an array body). Corpus object types are mapped to descriptor ids.
/// </summary>
internal static partial class RealPayloadCorpus
{
    /// <summary>Corpus object types whose descriptor id differs; types the descriptor lacks map to null.</summary>
    private static readonly Dictionary<string, string?> DescriptorIds = new(StringComparer.Ordinal)
    {
        ["fulfillment_request"] = "request",
        ["helpdesk_case"] = "case",
        ["template"] = "product_template",
        ["listing"] = null,
        ["product_configuration"] = null,
        ["listing_request"] = null,
        ["webhook"] = null,
    };

    private static readonly Lazy<IReadOnlyList<CorpusPayload>> Loaded = new(Load);

    public static IReadOnlyList<CorpusPayload> Payloads => Loaded.Value;

    /// <summary>Every sample (a response, a list item, a request body) with where it came from.</summary>
    public static IEnumerable<CorpusSample> Samples => Payloads.SelectMany(p => p.Samples());

    public static string? DescriptorId(string corpusType) =>
        DescriptorIds.TryGetValue(corpusType, out var id) ? id : corpusType;

    private static List<CorpusPayload> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.RealPayloads, "MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        return lines.Skip(1)
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c => new CorpusPayload(
                c[Array.IndexOf(header, "path")],
                c[Array.IndexOf(header, "object_type")],
                c[Array.IndexOf(header, "role")],
                c[Array.IndexOf(header, "realism")],
                c[Array.IndexOf(header, "note")]))
            .ToList();
    }

    [GeneratedRegex(@"\b(GET|POST|PUT|DELETE) (/\S+)")]
    internal static partial Regex EndpointInNote();
}

/// <summary>One payload file of the corpus, as MANIFEST.tsv lists it.</summary>
internal sealed record CorpusPayload(string Path, string ObjectType, string Role, string Realism, string Note)
{
    public bool IsRequestBody => Role == "request-body";

    public JToken Read()
    {
        using var reader = new JsonTextReader(new StreamReader(System.IO.Path.Combine(TestPaths.RealPayloads, Path))) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    /// <summary>The endpoint a request body was sent to, from the note ("POST /requests/{id}/approve body"), or null.</summary>
    public (string Method, string Path)? Endpoint() =>
        RealPayloadCorpus.EndpointInNote().Match(Note) is { Success: true } match ? (match.Groups[1].Value, match.Groups[2].Value.TrimEnd(';', ',')) : null;

    public IEnumerable<CorpusSample> Samples()
    {
        var content = Read();
        IEnumerable<JToken> items = content is JArray array && (Role == "list-response" || IsRequestBody) ? array : [content];
        var index = 0;
        foreach (var item in items)
        {
            yield return new CorpusSample(this, content is JArray ? $"{Path}[{index}]" : Path, item);
            index++;
        }
    }
}

/// <summary>One sample of the corpus: a response, one list item, or one request body (element).</summary>
internal sealed record CorpusSample(CorpusPayload Payload, string Name, JToken Value);
