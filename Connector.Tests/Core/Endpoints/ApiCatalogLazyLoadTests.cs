using System.Text;
using Connector.Browse.Catalog;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Connector.Tests.Browse;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Core.Endpoints;

/// <summary>
/// The derived data is parsed on demand (each endpoint and definition when first used) and gives exactly what a full
/// parse of the file gives; a malformed file gets the messages the full parse always gave.
/// </summary>
public sealed class ApiCatalogLazyLoadTests
{
    private const string Sample = """
        {"source": {"title": "sample"}, "relaxations": [],
         "endpoints": [{"method": "get", "path": "/things/{id}", "responses": [{"status": 200, "schema": {"$ref": "#/definitions/response.Thing"}}]},
                       {"method": "GET", "path": "/odd", "responses": [{"status": "TOPSECRET"}]}],
         "definitions": {
           "response.Thing": {"type": "object", "properties": {"owner": {"$ref": "#/definitions/response.Owner"}}},
           "response.Owner": {"type": "object"},
           "response.Unused": {"type": "object"}
         }}
        """;

    [Test]
    public async Task Every_endpoint_definition_and_the_source_equal_a_full_parse_of_the_file()
    {
        var path = (await BrowseFixture.DescriptorAsync()).OpenApiPath!;
        var full = FullParse(await File.ReadAllTextAsync(path));

        var api = await ApiCatalog.LoadAsync(path, CancellationToken.None);

        var definitions = (JObject)full["definitions"]!;
        Assert.That(api.Definitions.Names, Is.EqualTo(definitions.Properties().Select(p => p.Name)), "names in file order");
        Assert.That(api.Definitions.Names.Where(name => !JToken.DeepEquals(api.Definitions[name], definitions[name])), Is.Empty);
        Assert.That(JToken.DeepEquals(api.Source, full["source"]), Is.True);
        var endpoints = ((JArray)full["endpoints"]!).Cast<JObject>().ToList();
        Assert.That(api.Endpoints.Select(e => e.Key), Is.EqualTo(endpoints.Select(e => ((string)e["method"]!).ToUpperInvariant() + " " + (string)e["path"]!)));
        foreach (var (endpoint, expected) in api.Endpoints.Zip(endpoints))
        {
            Assert.That(JToken.DeepEquals(endpoint.Request?.Schema, (expected["request"] as JObject)?["schema"] as JObject), Is.True, endpoint.Key);
            Assert.That(endpoint.Responses.Select(r => (r.Status, r.Schema?.ToString())), Is.EqualTo(((JArray)expected["responses"]!).Select(r => ((int)r["status"]!, (r["schema"] as JObject)?.ToString()))), endpoint.Key);
            Assert.That(endpoint.Filters.Select(f => f.Name), Is.EqualTo(((JArray)expected["filters"]!).Select(f => (string)f["name"]!)), endpoint.Key);
            Assert.That(api.Find(endpoint.Method.ToLowerInvariant(), endpoint.Path), Is.SameAs(endpoint), "found and listed are one parse");
        }
    }

    [Test]
    public async Task A_file_only_the_full_parse_reads_gives_the_same_profiles()
    {
        var descriptor = await BrowseFixture.DescriptorAsync();
        // UTF-16 (with its byte order mark): System.Text.Json's pass refuses it, the full parse's reader decodes it.
        var text = await File.ReadAllTextAsync(descriptor.OpenApiPath!);
        await using var stream = new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);

        var lenient = await ConnectCatalog.BuildAsync(descriptor, await ApiCatalog.LoadAsync(stream, "commented", CancellationToken.None), CancellationToken.None);
        var shipped = await BrowseFixture.CatalogAsync();

        Assert.That(lenient.Entries.Select(e => (e.Input.ProfileJson, e.Output.ProfileJson)), Is.EqualTo(shipped.Entries.Select(e => (e.Input.ProfileJson, e.Output.ProfileJson))));
    }

    [Test]
    public async Task Browsing_one_entry_parses_only_the_endpoints_and_definitions_its_profiles_need()
    {
        var descriptor = await BrowseFixture.DescriptorAsync();
        var store = new CatalogStore(descriptor);

        var browser = await store.GetBrowserAsync(CancellationToken.None);
        var answer = browser.GetObjectDefinitions("request", OperationType.Get);
        var api = await store.GetApiAsync(CancellationToken.None);
        var (endpointsParsed, definitionsParsed) = (api.ParsedEndpointCount, api.Definitions.ParsedCount);
        await store.GetCatalogAsync(CancellationToken.None);

        Assert.That(answer[1].ProfileJson, Is.Not.Null, "the OUTPUT profile (GET takes no body)");
        Assert.That(descriptor.ObjectTypes.Single(t => t.Id == "request").Operations, Has.Count.GreaterThan(endpointsParsed), "not even every endpoint of the object type: GET, QUERY, CREATE and UPDATE make its profiles");
        Assert.That(definitionsParsed, Is.GreaterThan(0).And.LessThan(api.Definitions.Names.Count / 2));
        Assert.That(api.ParsedEndpointCount, Is.GreaterThan(endpointsParsed), "the whole catalogue parses the rest when it is built");
        Assert.That(api.Definitions.ParsedCount, Is.GreaterThan(definitionsParsed));
    }

    [Test]
    public async Task A_definition_and_an_endpoint_are_parsed_once_however_many_ask_at_once()
    {
        var api = await LoadAsync(Sample);
        using var start = new Barrier(8);

        var asked = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return (Definition: api.Definitions["response.Thing"], Endpoint: api.Find("GET", "/things/{id}"));
        })));

        Assert.That(asked.Select(a => a.Definition).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1));
        Assert.That(asked.Select(a => a.Endpoint).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1));
        Assert.That(api.Definitions.ParsedCount, Is.EqualTo(1));
        Assert.That(api.ParsedEndpointCount, Is.EqualTo(1));
        Assert.That(api.Definitions["response.Nothing"], Is.Null);
    }

    [Test]
    public async Task A_malformed_endpoint_found_on_first_use_is_a_format_error_naming_it_not_its_content()
    {
        var api = await LoadAsync(Sample);

        var found = Assert.Throws<FormatException>(() => api.Find("GET", "/odd"));
        var listed = Assert.Throws<FormatException>(() => _ = api.Endpoints);

        Assert.That(found.Message, Is.EqualTo("sample is not derived OpenAPI data: the endpoint GET /odd has a value of the wrong type."));
        Assert.That(listed.Message, Is.EqualTo(found.Message));
        Assert.That(api.Contains("get", "/odd"), Is.True);
        Assert.That(api.Find("GET", "/things/{id}")!.Responses.Single().Status, Is.EqualTo(200), "the other endpoints still serve");
    }

    [Test]
    public void A_malformed_definition_text_is_a_format_error_naming_the_definition_not_its_content()
    {
        var definitions = new SchemaDefinitions([("response.Broken", () => ApiCatalog.ParseSlice("""{"a": TOPSECRET}"""u8.ToArray(), "the definition 'response.Broken'", "sample"))]);

        var first = Assert.Throws<FormatException>(() => _ = definitions["response.Broken"]);
        var again = Assert.Throws<FormatException>(() => _ = definitions["response.Broken"]);

        Assert.That(first.Message, Does.StartWith("sample is not derived OpenAPI data: the definition 'response.Broken' is not valid JSON (line 1, position").And.Not.Contain("TOPSECRET"));
        Assert.That(again.Message, Is.EqualTo(first.Message));
        Assert.That(definitions.ParsedCount, Is.EqualTo(1), "a definition that failed is not parsed again");
    }

    [TestCase("""{"a": 1, "b": -0, "c": 1.0, "d": 1e5, "e": 0.1, "f": "x\u00e9\n\"", "g": [true, false, null, {}, []], "a": 2, "h": "2024-01-02T03:04:05Z"}""")]
    [TestCase("""{"big": 123456789012345678901234567890, "huge": 1e400}""")]
    [TestCase("""{"lone": "\ud800", "after": 1}""")]
    [TestCase(""" [1, "x"] """)]
    public void A_part_is_read_into_the_tree_Newtonsoft_s_reader_builds(string json)
    {
        var expected = FullParseValue(json);

        var actual = ApiCatalog.ParseSlice(Encoding.UTF8.GetBytes(json), "the definition 'x'", "sample");

        Assert.That(actual.ToString(Formatting.None), Is.EqualTo(expected.ToString(Formatting.None)));
        Assert.That(((JContainer)actual).DescendantsAndSelf().Select(t => t.Type), Is.EqualTo(((JContainer)expected).DescendantsAndSelf().Select(t => t.Type)), "integers stay integers, dates stay strings");
    }

    [TestCase("""{"endpoints": [{"path": "/a"}], "definitions": {}}""", "sample is not derived OpenAPI data: its endpoint 1 has no 'method' or no 'path' string.")]
    [TestCase("""{"endpoints": [{"method": "get", "path": "/a"}, {"method": "GET", "path": "/a"}], "definitions": {}}""", "sample is not derived OpenAPI data: it lists the endpoint GET /a twice.")]
    [TestCase("", "sample is not derived OpenAPI data: it is not valid JSON (line 0, position 0).")]
    [TestCase("root:TOPSECRET:0:0", "sample is not derived OpenAPI data: it is not valid JSON (line 0, position 0).")]
    [TestCase("null", "sample is not derived OpenAPI data: it is not a JSON object.")]
    [TestCase("[1, 2]", "sample is not derived OpenAPI data: it is not a JSON object.")]
    [TestCase("""{"endpoints": [], "definitions": []}""", "sample is not derived OpenAPI data: it needs 'endpoints' and 'definitions'.")]
    [TestCase("""{"endpoints": [], "definitions": {}, "endpoints": 3}""", "sample is not derived OpenAPI data: it needs 'endpoints' and 'definitions'.")]
    [TestCase("""{"endpoints": [""", "sample is not derived OpenAPI data: it is not valid JSON (line 1, position 15).")]
    [TestCase("""{"endpoints": [], "definitions": {"a": tru}}""", "sample is not derived OpenAPI data: it is not valid JSON (line 1, position 42).")]
    public async Task A_malformed_file_is_refused_with_the_message_the_full_parse_gives(string content, string message)
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => LoadAsync(content));

        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [Test]
    public async Task A_file_nested_deeper_than_the_full_parse_allows_is_refused_as_it_always_was()
    {
        // The root and the definitions are two levels; 62 nested arrays make 64, the most the full parse allows.
        static string Nested(int arrays) => """{"endpoints": [], "definitions": {"a": """ + new string('[', arrays) + new string(']', arrays) + "}}";

        await Assert.DoesNotThrowAsync(() => LoadAsync(Nested(62)));
        var error = await Assert.ThrowsAsync<FormatException>(() => LoadAsync(Nested(63)));

        Assert.That(error!.Message, Is.EqualTo("sample is not derived OpenAPI data: it is not valid JSON (line 1, position 102)."));
    }

    [TestCase("\uFEFF{\"endpoints\": [], \"definitions\": {\"a\": {}}}")]
    [TestCase("{\"endpoints\": [1, \"x\"], \"definitions\": {\"a\": {}}} and what follows the root")]
    [TestCase("{'endpoints': [], 'definitions': {'a': {}}}")]
    [TestCase("{\"endpoints\": [], \"definitions\": {\"a\": {\"enum\": [1, 2,, 3]}}}")]
    public async Task What_the_full_parse_accepts_still_loads(string content)
    {
        var api = await LoadAsync(content);

        Assert.That(api.Definitions.Names, Is.EqualTo(new[] { "a" }));
        Assert.That(api.Definitions["a"], Is.InstanceOf<JObject>());
        Assert.That(api.Endpoints, Is.Empty);
    }

    private static async Task<ApiCatalog> LoadAsync(string content)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return await ApiCatalog.LoadAsync(stream, "sample", CancellationToken.None);
    }

    private static JObject FullParse(string text) => (JObject)FullParseValue(text);

    private static JToken FullParseValue(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
