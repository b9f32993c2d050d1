using Connector.OpenApiDerivation.Schemas;
using Connector.Tests.RealPayloads;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.OpenApiDerivation.Relaxations;

/// <summary>
/// The relaxations that borrow from elsewhere in the document (other documentations of a field, referenced event
/// schemas, sub-collection paths), each on a tiny document written here; "described" is measured as the real-payload
/// test measures it (<see cref="ProfileCoverage"/>).
/// </summary>
[TestFixture]
public sealed class DocumentWideRelaxationTests
{
    [Test]
    public async Task Fields_documented_elsewhere_merges_the_nested_fields_of_every_documentation_of_a_name()
    {
        var components = JObject.Parse("""
            {
              "A": { "properties": { "params": { "type": "array", "items": { "type": "object", "properties": {
                "id": { "type": "string" },
                "constraints": { "type": "object", "properties": { "required": { "type": "boolean" } } },
                "value_choices": { "type": "array", "items": { "type": "string" } } } } } } },
              "B": { "properties": { "params": { "type": "array", "items": { "type": "object", "properties": {
                "constraints": { "type": "object", "properties": { "hidden": { "type": "boolean" },
                  "choices": { "type": "array", "items": { "type": "object", "properties": { "label": { "type": "string" } } } } } },
                "value_choices": { "type": "array", "items": { "type": "object", "properties": { "label": { "type": "string" }, "value": { "type": "string" } } } } } } } } },
              "Widget": { "properties": { "params": { "type": "array", "items": { "type": "object", "properties": { "title": { "type": "string" } } } } } }
            }
            """);

        var (widget, definitions) = ConvertedSchemas.ConvertResponse(components, "Widget");

        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(widget, definitions));
        Assert.That(coverage.Describes(["params", "[]", "constraints", "required"]), "the first documentation's field");
        Assert.That(coverage.Describes(["params", "[]", "constraints", "hidden"]), "a nested field only the second documentation has");
        Assert.That(coverage.Describes(["params", "[]", "constraints", "choices", "[]", "label"]));
        Assert.That(coverage.Describes(["params", "[]", "value_choices", "[]", "label"]), "the object form of value_choices");
        await ConvertedSchemas.AssertAcceptsAsync(widget, definitions, """{"params":[{"id":"p","value_choices":["a","b"],"constraints":{"required":true}}]}""");
        await ConvertedSchemas.AssertAcceptsAsync(widget, definitions, """{"params":[{"value_choices":[{"label":"A","value":"a"}],"constraints":{"hidden":"True","choices":[{"label":"x"}]}}]}""");
    }

    [Test]
    public async Task Scalar_also_documented_shapes_widens_an_array_of_scalars_that_is_an_array_of_objects_elsewhere()
    {
        var components = JObject.Parse("""
            {
              "Choice": { "properties": { "value_choices": { "type": "array", "items": { "type": "object", "properties": { "label": { "type": "string" }, "value": { "type": "string" } } } } } },
              "Widget": { "properties": { "value_choices": { "type": "array", "items": { "type": "string" } } } }
            }
            """);

        var (widget, definitions) = ConvertedSchemas.ConvertResponse(components, "Widget");

        Assert.That(widget["properties"]!["value_choices"]!["anyOf"]![1]!["$ref"]!.ToString(), Is.EqualTo("#/definitions/response.shapes-elsewhere.value_choices"));
        Assert.That(new ProfileCoverage(ConvertedSchemas.Standalone(widget, definitions)).Describes(["value_choices", "[]", "value"]));
        await ConvertedSchemas.AssertAcceptsAsync(widget, definitions, """{"value_choices":["a"]}""");
        await ConvertedSchemas.AssertAcceptsAsync(widget, definitions, """{"value_choices":[{"label":"A","value":"a"}]}""");
    }

    [Test]
    public async Task Flattened_event_fields_follow_a_referenced_event_and_take_the_actor_as_a_string()
    {
        var components = JObject.Parse("""
            {
              "UsageEvents": { "type": "object", "properties": { "at": { "type": "string", "format": "datetime" },
                "by": { "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" } } } } },
              "UsageFile": { "properties": { "id": { "type": "string" },
                "events": { "type": "object", "properties": { "uploaded": { "$ref": "#/components/schemas/UsageEvents" } } } } }
            }
            """);

        var (file, definitions) = ConvertedSchemas.ConvertResponse(components, "UsageFile");

        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(file, definitions));
        Assert.That(coverage.Describes(["uploaded_at"]));
        Assert.That(coverage.Describes(["uploaded_by"]));
        Assert.That(coverage.Describes(["uploaded_by", "id"]), "the documented object form stays described");
        await ConvertedSchemas.AssertAcceptsAsync(file, definitions, """{"uploaded_at":"2019-03-06T13:30:06Z","uploaded_by":"someone@example.com"}""");
        await ConvertedSchemas.AssertAcceptsAsync(file, definitions, """{"uploaded_by":{"id":"UR-1","name":"Someone"}}""");
    }

    [Test]
    public async Task Sub_collections_embedded_describes_the_children_that_name_their_owner()
    {
        var components = JObject.Parse("""
            {
              "Conversation": { "properties": { "id": { "type": "string" } } },
              "Message": { "properties": { "id": { "type": "string" }, "conversation": { "type": "string" }, "text": { "type": "string" } } },
              "Attachment": { "properties": { "id": { "type": "string" } } }
            }
            """);
        var paths = JObject.Parse("""
            {
              "/conversations/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Conversation" } } } } } } },
              "/conversations/{conversation_id}/messages": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Message" } } } } } } } },
              "/conversations/{conversation_id}/attachments": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Attachment" } } } } } } } }
            }
            """);
        var converter = new SchemaConverter(components, paths);

        converter.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Conversation"}"""), SchemaRole.Response, "GET /conversations/{id} 200");
        var definitions = new JObject(converter.DrainDefinitions().Select(d => new JProperty(d.Key, d.Value)));
        var conversation = (JObject)definitions["response.Conversation"]!;

        Assert.That(new ProfileCoverage(ConvertedSchemas.Standalone(conversation, definitions)).Describes(["messages", "[]", "text"]));
        Assert.That(conversation["properties"]!["attachments"], Is.Null, "attachments do not name their conversation: a separate collection");
        Assert.That(converter.Locations.Fired["sub-collections-embedded"], Does.Contain("response.Conversation#/"));
        await ConvertedSchemas.AssertAcceptsAsync(conversation, definitions, """{"id":"CO-1","messages":[{"id":"ME-1","conversation":"CO-1","text":"hi"}]}""");

        var request = new SchemaConverter(components, paths);
        request.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Conversation"}"""), SchemaRole.Request);
        Assert.That(request.DrainDefinitions()["request.Conversation"]!["properties"]!["messages"], Is.Null, "request bodies are not widened");
    }

    [Test]
    public async Task Owner_id_also_reference_describes_the_owner_a_child_names_by_its_id()
    {
        var components = JObject.Parse("""
            {
              "Conversation": { "properties": { "id": { "type": "string" }, "topic": { "type": "string" } } },
              "Message": { "properties": { "id": { "type": "string" }, "conversation": { "type": "string" }, "text": { "type": "string" } } },
              "Contract": { "properties": { "id": { "type": "string" } } },
              "ContractVersion": { "properties": { "id": { "type": "string" }, "contract": { "$ref": "#/components/schemas/Contract" } } },
              "Note": { "properties": { "id": { "type": "string" }, "text": { "type": "string" } } }
            }
            """);
        var paths = JObject.Parse("""
            {
              "/conversations/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Conversation" } } } } } } },
              "/conversations/{conversation_id}/messages": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Message" } } } } } } } },
              "/conversations/{conversation_id}/notes": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Note" } } } } } } } },
              "/contracts/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Contract" } } } } } } },
              "/contracts/{contract_id}/versions": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/ContractVersion" } } } } } } } }
            }
            """);
        var converter = new SchemaConverter(components, paths);
        foreach (var component in new[] { "Message", "ContractVersion", "Note" })
        {
            converter.Convert(JObject.Parse($$"""{"$ref":"#/components/schemas/{{component}}"}"""), SchemaRole.Response, component);
        }

        var definitions = new JObject(converter.DrainDefinitions().Select(d => new JProperty(d.Key, d.Value)));
        var message = (JObject)definitions["response.Message"]!;

        Assert.That(new ProfileCoverage(ConvertedSchemas.Standalone(message, definitions)).Describes(["conversation", "id"]));
        Assert.That(new ProfileCoverage(ConvertedSchemas.Standalone(message, definitions)).Describes(["conversation", "topic"]));
        await ConvertedSchemas.AssertAcceptsAsync(message, definitions, """{"id":"ME-1","conversation":"CO-1","text":"hi"}""");
        await ConvertedSchemas.AssertAcceptsAsync(message, definitions, """{"id":"ME-1","conversation":{"id":"CO-1"},"text":"hi"}""");
        Assert.That(converter.Locations.Fired["owner-id-also-reference"], Is.EqualTo(new[] { "response.Message#/" }), "only the owner documented by its id; the contract reference is already the object, a note names no owner");
        Assert.That(definitions["response.ContractVersion"]!["properties"]!["contract"]!["anyOf"], Is.Null);

        var request = new SchemaConverter(components, paths);
        request.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Message"}"""), SchemaRole.Request);
        Assert.That(request.DrainDefinitions()["request.Message"]!["properties"]!["conversation"]!["anyOf"], Is.Null, "request bodies are not widened");
    }

    [Test]
    public async Task Other_view_fields_describes_what_only_the_other_view_of_the_same_object_documents()
    {
        const string Shared = """ "id": { "type": "string" }, "status": { "type": "string" }, "product": { "type": "object" }, "tiers": { "type": "object" }, "items": { "type": "array" }, "params": { "type": "array" }, "events": { "type": "object" }, "contract": { "type": "object" } """;
        var components = JObject.Parse($$"""
            {
              "dp.Subscription": { "properties": { {{Shared}}, "configuration": { "type": "object", "properties": { "params": { "type": "array" } } } } },
              "subscriptions.Subscription": { "properties": { {{Shared}}, "billing": { "type": "object", "properties": { "next_date": { "type": "string" }, "period": { "type": "object", "properties": { "uom": { "type": "string" } } } } } } },
              "pim.Subscription": { "properties": { {{Shared}}, "owner": { "type": "string" } } },
              "dp.Category": { "properties": { "id": { "type": "string" }, "name": { "type": "string" }, "children": { "type": "array" } } },
              "pim.Category": { "properties": { "id": { "type": "string" }, "name": { "type": "string" }, "class": { "type": "object" }, "depth": { "type": "integer" } } }
            }
            """);
        var paths = JObject.Parse("""
            {
              "/assets/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/dp.Subscription" } } } } } } },
              "/subscriptions/assets/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/subscriptions.Subscription" } } } } } } },
              "/pim/subscriptions/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/pim.Subscription" } } } } } } },
              "/categories/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/dp.Category" } } } } } } },
              "/pim/categories/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/pim.Category" } } } } } } }
            }
            """);
        var converter = new SchemaConverter(components, paths);
        foreach (var component in components.Properties().Select(c => c.Name))
        {
            converter.Convert(JObject.Parse($$"""{"$ref":"#/components/schemas/{{component}}"}"""), SchemaRole.Response, component);
        }

        var definitions = new JObject(converter.DrainDefinitions().Select(d => new JProperty(d.Key, d.Value)));
        var asset = (JObject)definitions["response.dp.Subscription"]!;

        Assert.That(new ProfileCoverage(ConvertedSchemas.Standalone(asset, definitions)).Describes(["billing", "period", "uom"]));
        Assert.That((string?)asset["properties"]!["billing"]!["description"], Does.Contain("`subscriptions.Subscription`, another view of this object"));
        Assert.That(definitions["response.subscriptions.Subscription"]!["properties"]!["configuration"], Is.Not.Null, "both ways");
        Assert.That(definitions["response.pim.Subscription"]!["properties"]!["billing"], Is.Null, "a collection ending in another segment is another object");
        Assert.That(definitions["response.dp.Category"]!["properties"]!["depth"], Is.Null, "2 of 5 fields shared: another object");
        Assert.That(converter.Locations.Fired["other-view-fields"], Is.EqualTo(new[] { "response.dp.Subscription#/", "response.subscriptions.Subscription#/" }));
        await ConvertedSchemas.AssertAcceptsAsync(asset, definitions, """{"id":"AS-1","billing":{"next_date":"2025-01-01","period":{"uom":"monthly"}}}""");

        var request = new SchemaConverter(components, paths);
        request.Convert(JObject.Parse("""{"$ref":"#/components/schemas/dp.Subscription"}"""), SchemaRole.Request);
        Assert.That(request.DrainDefinitions()["request.dp.Subscription"]!["properties"]!["billing"], Is.Null, "request bodies are not widened");
    }

    [Test]
    public async Task Uniform_entries_as_map_describes_entries_no_schema_lists_with_the_entries_shape()
    {
        var components = JObject.Parse("""
            {
              "Actor": { "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" } } },
              "ConfigRequest": { "properties": { "id": { "type": "string" },
                "events": { "type": "object", "properties": {
                  "created": { "type": "object", "properties": { "at": { "type": "string" }, "by": { "$ref": "#/components/schemas/Actor" } } },
                  "inquired": { "type": "object", "properties": { "at": { "type": "string" }, "by": { "$ref": "#/components/schemas/Actor" } } } } },
                "other": { "type": "object", "properties": {
                  "created": { "type": "object", "properties": { "at": { "type": "string" }, "by": { "$ref": "#/components/schemas/Actor" } } },
                  "updated": { "type": "object", "properties": { "at": { "type": "string" }, "by": { "$ref": "#/components/schemas/Actor" } } } } } } }
            }
            """);

        var (request, definitions) = ConvertedSchemas.ConvertResponse(components, "ConfigRequest");

        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(request, definitions));
        Assert.That(coverage.Describes(["events", "approved", "at"]), "an entry the schema does not list takes the entries' shape");
        Assert.That(coverage.Describes(["events", "approved", "by", "name"]));
        Assert.That(coverage.Describes(["events", "created", "by", "id"]), "the documented entries stay described");
        var entries = definitions.Properties().Where(p => p.Name.StartsWith("response.map-entry.", StringComparison.Ordinal)).ToList();
        Assert.That(entries, Has.Count.EqualTo(1), "two objects whose entries are documented alike share one definition");
        Assert.That(request["properties"]!["other"]!["additionalProperties"]!["anyOf"]![0]!["$ref"]!.ToString(), Is.EqualTo("#/definitions/" + entries[0].Name));
        await ConvertedSchemas.AssertAcceptsAsync(request, definitions, """{"events":{"approved":{"at":"2024-01-01T00:00:00Z","by":{"id":"UR-1","name":"A"}},"count":3,"note":"x"}}""");
    }

    [Test]
    public void Uniform_entries_as_map_leaves_objects_whose_properties_differ_or_are_scalars_and_requests_alone()
    {
        var components = JObject.Parse("""
            {
              "Thing": { "properties": {
                "mixed": { "type": "object", "properties": {
                  "created": { "type": "object", "properties": { "at": { "type": "string" } } },
                  "updated": { "type": "object", "properties": { "at": { "type": "string" }, "by": { "type": "string" } } } } },
                "reference": { "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" } } },
                "single": { "type": "object", "properties": { "created": { "type": "object", "properties": { "at": { "type": "string" } } } } },
                "events": { "type": "object", "properties": {
                  "created": { "type": "object", "properties": { "at": { "type": "string" } } },
                  "updated": { "type": "object", "properties": { "at": { "type": "string" } } } } } } }
            }
            """);

        var (thing, _) = ConvertedSchemas.ConvertResponse(components, "Thing");
        var converter = new SchemaConverter(components);
        converter.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Thing"}"""), SchemaRole.Request);
        var asRequest = (JObject)converter.DrainDefinitions()["request.Thing"]!;

        foreach (var name in new[] { "mixed", "reference", "single" })
        {
            Assert.That(thing["properties"]![name]!["additionalProperties"], Is.Null, name);
        }

        Assert.That(thing["properties"]!["events"]!["additionalProperties"], Is.Not.Null);
        Assert.That(asRequest["properties"]!["events"]!["additionalProperties"], Is.Null, "request bodies are not widened");
    }
}
