using Connector.OpenApiDerivation.Relaxations;
using NUnit.Framework;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Tests.OpenApiDerivation;

/// <summary>Checks the committed <c>descriptor/openapi/connect-openapi-v37.derived.json</c>.</summary>
[TestFixture]
public sealed class DerivedDocumentTests
{
    private static readonly string[] SourceKeys = ["title", "version", "document", "sha256", "generator"];

    [Test]
    public void Source_names_the_document_version_and_hash()
    {
        var source = (JObject)DerivedDocumentFixture.Document["source"]!;

        Assert.That(source.Properties().Select(p => p.Name), Is.EqualTo(SourceKeys));
        Assert.That((string?)source["version"], Is.EqualTo("37.0"));
        Assert.That((string?)source["document"], Is.EqualTo("connect-openapi-v37.yml"));
        Assert.That((string?)source["sha256"], Does.Match("^[0-9a-f]{64}$"));
        Assert.That((string?)source["generator"], Is.EqualTo("build/derive-openapi.sh"));
    }

    [Test]
    public void Every_descriptor_operation_has_an_endpoint_under_its_own_method_and_path()
    {
        var expected = ((JArray)DerivedDocumentFixture.ConnectorDescriptor["objectTypes"]!)
            .SelectMany(t => (JArray)t["operations"]!)
            .Select(o => (string)o["method"]! + " " + (string)o["path"]!)
            .ToHashSet(StringComparer.Ordinal);
        var actual = DerivedDocumentFixture.Endpoints
            .Select(e => (string)e["method"]! + " " + (string)e["path"]!)
            .ToList();

        Assert.That(actual, Is.Unique);
        Assert.That(actual, Is.EquivalentTo(expected));
    }

    [Test]
    public void Endpoints_are_sorted_by_path_then_method_and_definitions_by_key()
    {
        var keys = DerivedDocumentFixture.Endpoints.Select(e => ((string)e["path"]!, (string)e["method"]!)).ToList();
        var sorted = keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ToList();
        var definitionKeys = ((JObject)DerivedDocumentFixture.Document["definitions"]!).Properties().Select(p => p.Name).ToList();

        Assert.That(keys, Is.EqualTo(sorted));
        Assert.That(definitionKeys, Is.EqualTo(definitionKeys.Order(StringComparer.Ordinal).ToList()));
    }

    [Test]
    public void Every_reference_points_to_a_definition_in_the_file()
    {
        var definitions = (JObject)DerivedDocumentFixture.Document["definitions"]!;
        var dangling = DerivedDocumentFixture.References(DerivedDocumentFixture.Document)
            .Where(r => !r.StartsWith("#/definitions/", StringComparison.Ordinal) || definitions[r["#/definitions/".Length..]] is null)
            .Distinct()
            .ToList();

        Assert.That(dangling, Is.Empty);
    }

    [Test]
    public async Task Every_request_and_response_schema_loads_standalone_in_NJsonSchema()
    {
        var loaded = 0;
        foreach (var (name, schema) in AllSchemas())
        {
            var standalone = DerivedDocumentFixture.Standalone(schema);
            var parsed = await JsonSchema.FromJsonAsync(standalone.ToString(), CancellationToken.None).ConfigureAwait(false);
            Assert.That(parsed.Definitions.Keys, Is.EquivalentTo(((JObject)standalone["definitions"]!).Properties().Select(p => p.Name)), name);
            loaded++;
        }

        Assert.That(loaded, Is.GreaterThan(100));
    }

    [Test]
    public async Task Every_request_example_of_the_document_validates_against_its_request_schema()
    {
        var failures = new List<string>();
        var checkedExamples = 0;
        foreach (var endpoint in DerivedDocumentFixture.Endpoints.Where(e => e["request"] is JObject))
        {
            var request = (JObject)endpoint["request"]!;
            var schema = await DerivedDocumentFixture.LoadSchemaAsync(request["schema"]!).ConfigureAwait(false);
            foreach (var example in (JArray)request["examples"]!)
            {
                checkedExamples++;
                var errors = schema.Validate(example);
                if (errors.Count > 0)
                {
                    failures.Add($"{endpoint["method"]} {endpoint["path"]}: {string.Join("; ", errors.Select(e => e.ToString()))}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(checkedExamples, Is.GreaterThanOrEqualTo(14));
    }

    [TestCase("POST", "/requests/{id}/approve", """{"effective_date": "2025-01-01"}""", false)]
    [TestCase("POST", "/requests/{id}/approve", """{"template_id": "TL-123-456"}""", true)]
    [TestCase("POST", "/requests/{id}/approve", """{"activation_tile": "Welcome"}""", true)]
    [TestCase("POST", "/requests/{id}/inquire", """{}""", false)]
    [TestCase("POST", "/requests/{id}/inquire", """{"template_id": "TL-123-456"}""", true)]
    [TestCase("POST", "/requests/{id}/fail", """{}""", false)]
    [TestCase("POST", "/requests/{id}/fail", """{"reason": "No stock"}""", true)]
    [TestCase("POST", "/requests/{id}/assign", """{}""", false)]
    [TestCase("POST", "/requests/{id}/assign", """{"email": "ops@example.com"}""", true)]
    [TestCase("POST", "/tier/config-requests/{id}/assign", """{"id": "UR-1"}""", true)]
    [TestCase("POST", "/tier/config-requests/{id}/fail", """{}""", false)]
    [TestCase("POST", "/tier/account-requests/{id}/ignore", """{}""", false)]
    [TestCase("POST", "/tier/account-requests/{id}/ignore", """{"reason": "duplicate"}""", true)]
    [TestCase("POST", "/tier/config-requests/{id}/approve", """{"template": {}}""", false)]
    [TestCase("POST", "/tier/config-requests/{id}/approve", """{"template": {"id": "TL-1"}}""", true)]
    [TestCase("POST", "/usage/records/close-records", """[{"id": "UR-1"}, {"external_billing_id": "B-1"}]""", false)]
    [TestCase("POST", "/usage/records/close-records", """[{"id": "UR-1", "external_billing_id": "B-1"}]""", true)]
    [TestCase("POST", "/tier/accounts", """{"name": "Big Corp"}""", true)]
    public async Task Request_schemas_keep_only_the_known_requirements(string method, string path, string body, bool valid)
    {
        var request = (JObject)DerivedDocumentFixture.Endpoint(method, path)["request"]!;
        var schema = await DerivedDocumentFixture.LoadSchemaAsync(request["schema"]!).ConfigureAwait(false);

        var errors = schema.Validate(JToken.Parse(body));

        Assert.That(errors.Count == 0, Is.EqualTo(valid), string.Join("; ", errors.Select(e => e.ToString())));
    }

    [Test]
    public async Task Request_schemas_still_check_shape()
    {
        var request = (JObject)DerivedDocumentFixture.Endpoint("POST", "/usage/records/close-records")["request"]!;
        var schema = await DerivedDocumentFixture.LoadSchemaAsync(request["schema"]!).ConfigureAwait(false);

        Assert.That(schema.Validate(JToken.Parse("""{"id": "UR-1"}""")), Is.Not.Empty);
        Assert.That(schema.Validate(JToken.Parse("""[{"id": true}]""")), Is.Not.Empty);
    }

    [TestCase("""{"id": "UR-1"}""", TestName = "Response missing documented fields")]
    [TestCase("""{"id": "UR-1", "status": "VALID"}""", TestName = "Response enum value in other case")]
    [TestCase("""{"id": "UR-1", "status": "reprocessing"}""", TestName = "Response enum value not documented")]
    [TestCase("""{"id": 123, "multiplier": "2", "usage": "1.5", "tier": "1"}""", TestName = "Response numbers as strings and strings as numbers")]
    [TestCase("""{"id": "UR-1", "params": {"param_a": "x"}}""", TestName = "Response object where an array is documented")]
    [TestCase("""{"id": "UR-1", "closed_at": "2025-01-01", "brand_new_field": {"a": 1}}""", TestName = "Response odd date and undocumented field")]
    public async Task Response_relaxations_accept_real_traffic(string body)
    {
        var response = (JObject)((JArray)DerivedDocumentFixture.Endpoint("GET", "/usage/records/{id}")["responses"]!)[0];
        var schema = await DerivedDocumentFixture.LoadSchemaAsync(response["schema"]!).ConfigureAwait(false);

        Assert.That(schema.Validate(JToken.Parse(body)), Is.Empty);
    }

    [Test]
    public async Task Response_schemas_still_reject_a_wrong_shape()
    {
        var response = (JObject)((JArray)DerivedDocumentFixture.Endpoint("GET", "/usage/records/{id}")["responses"]!)[0];
        var schema = await DerivedDocumentFixture.LoadSchemaAsync(response["schema"]!).ConfigureAwait(false);

        Assert.That(schema.Validate(JToken.Parse("""{"id": "UR-1", "asset": "not an object"}""")), Is.Not.Empty);
    }

    [Test]
    public void Binary_and_empty_responses_keep_their_content_type_without_schema()
    {
        var download = (JObject)((JArray)DerivedDocumentFixture.Endpoint("GET", "/usage/chunks/{id}/download")["responses"]!).Single();
        var delete = (JObject)((JArray)DerivedDocumentFixture.Endpoint("DELETE", "/tier/accounts/{id}")["responses"]!).Single();

        Assert.That((string?)download["contentType"], Does.StartWith("application/vnd.openxmlformats"));
        Assert.That(download["schema"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That((int)delete["status"]!, Is.EqualTo(204));
        Assert.That(delete["schema"]!.Type, Is.EqualTo(JTokenType.Null));
    }

    [Test]
    public void List_endpoints_carry_parsed_filters()
    {
        var assets = DerivedDocumentFixture.Endpoint("GET", "/subscriptions/assets");
        var contract = ((JArray)assets["filters"]!).Single(f => (string)f["name"]! == "contract.id");

        Assert.That((bool)assets["paged"]!, Is.True);
        Assert.That(contract["lookups"]!.Values<string>(), Is.EqualTo(new[] { "eq", "ne", "like", "ilike", "null", "in", "out" }));
        Assert.That((bool)contract["nullable"]!, Is.True);
        Assert.That((bool)DerivedDocumentFixture.Endpoint("GET", "/subscriptions/assets/{id}")["paged"]!, Is.False);
    }

    [Test]
    public void Every_relaxation_is_recorded_once_with_a_reason()
    {
        var relaxations = ((JArray)DerivedDocumentFixture.Document["relaxations"]!).Cast<JObject>().ToList();

        Assert.That(relaxations.Select(r => (string?)r["id"]), Is.Unique);
        Assert.That(relaxations.Select(r => (string?)r["appliesTo"]), Is.All.AnyOf("request", "response", "both"));
        Assert.That(relaxations.Select(r => (string?)r["reason"]), Is.All.Not.Empty);
        Assert.That(relaxations.Select(r => (string?)r["id"]), Does.Contain("no-required-in-responses"));
    }

    [Test]
    public void The_recorded_relaxations_are_the_rules_of_the_catalog_so_the_file_is_derived_by_todays_rules()
    {
        var recorded = ((JArray)DerivedDocumentFixture.Document["relaxations"]!).Cast<JObject>()
            .Where(r => (string?)r["id"] != SchemaRelaxationCatalog.UnresolvedReference.Id)
            .Select(r => $"{r["id"]} | {r["appliesTo"]} | {r["rule"]} | {r["reason"]}");
        var rules = SchemaRelaxationCatalog.AllRules.Select(r => $"{r.Id} | {r.AppliesTo} | {r.Rule} | {r.Reason}");

        Assert.That(recorded, Is.EqualTo(rules), "descriptor/openapi is stale: run build/derive-openapi.sh");
        var fired = ((JArray)DerivedDocumentFixture.Document["relaxations"]!).Cast<JObject>()
            .Where(r => r["firedAt"] is JArray { Count: > 0 })
            .Select(r => (string?)r["id"]);
        Assert.That(fired, Is.SupersetOf(new[] { "item-scoped-parameters", "parameter-definition-fields", "parameter-prompts-in-constraints", "embedded-reference-expanded" }));
    }

    private static IEnumerable<(string Name, JToken Schema)> AllSchemas()
    {
        foreach (var endpoint in DerivedDocumentFixture.Endpoints)
        {
            var name = $"{endpoint["method"]} {endpoint["path"]}";
            if (endpoint["request"] is JObject request && request["schema"] is JObject requestSchema)
            {
                yield return (name + " request", requestSchema);
            }

            foreach (var response in ((JArray)endpoint["responses"]!).Cast<JObject>())
            {
                if (response["schema"] is JObject responseSchema)
                {
                    yield return ($"{name} response {response["status"]}", responseSchema);
                }
            }
        }
    }
}
