using Connector.OpenApiDerivation.Relaxations;
using Connector.OpenApiDerivation.Schemas;
using Connector.Tests.RealPayloads;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.OpenApiDerivation.Relaxations;

/// <summary>The relaxations that make response profiles fit real payloads, each on a tiny document written here.</summary>
[TestFixture]
public sealed class RealDataRelaxationTests
{
    private static readonly JObject Components = JObject.Parse("""
        {
          "Request": { "properties": {
            "assignee": { "type": "string" },
            "contract": { "$ref": "#/components/schemas/ContractReference" },
            "params": { "type": "string" },
            "answered": { "type": "boolean" },
            "previous": { "$ref": "#/components/schemas/ContractReference" },
            "settings": { "type": "array", "items": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" } } } } },
            "events": { "type": "object", "properties": { "created": { "type": "object", "properties": { "at": { "type": "string" }, "by": { "type": "string" } } } } }
          } },
          "Case": { "properties": {
            "assignee": { "type": "object", "properties": { "id": { "type": "string" }, "email": { "type": "string" } } },
            "params": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "value": { "type": "string" } } } },
            "contract": { "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" } } }
          } },
          "ContractReference": { "type": "object", "properties": { "type": { "type": "string" } } }
        }
        """);

    [Test]
    public async Task Scalar_also_documented_shapes_accepts_and_describes_the_object_form_of_the_same_name()
    {
        var (request, definitions) = ConvertedSchemas.ConvertResponse(Components, "Request");

        var assignee = (JObject)request["properties"]!["assignee"]!;
        Assert.That(assignee["anyOf"]![1]!["$ref"]!.ToString(), Is.EqualTo("#/definitions/response.shapes-elsewhere.assignee"));
        var shapes = (JObject)definitions["response.shapes-elsewhere.assignee"]!;
        Assert.That(shapes["anyOf"]![0]!["properties"]!["email"], Is.Not.Null);
        Assert.That(definitions["response.shapes-elsewhere.params"]!["anyOf"]![0]!["items"]!["properties"]!["value"], Is.Not.Null, "a scalar params takes the parameter array documented elsewhere");
        await ConvertedSchemas.AssertAcceptsAsync(request, definitions, """{"assignee":{"id":"UR-1","email":"a@b.c"},"params":[{"id":"p","value":"1"}]}""");
        await ConvertedSchemas.AssertAcceptsAsync(request, definitions, """{"assignee":"UR-1","params":"x"}""");
    }

    [Test]
    public async Task Scalar_also_documented_shapes_describes_every_field_the_name_has_beyond_its_most_frequent_shapes()
    {
        var components = JObject.Parse("""
            {
              "Request": { "properties": { "owner": { "type": "string" } } },
              "A": { "properties": { "owner": { "type": "object", "properties": { "id": { "type": "string" } } } } },
              "B": { "properties": { "owner": { "type": "object", "properties": { "id": { "type": "string" } } } } },
              "C": { "properties": { "owner": { "type": "object", "properties": { "name": { "type": "string" } } } } },
              "D": { "properties": { "owner": { "type": "object", "properties": { "name": { "type": "string" } } } } },
              "E": { "properties": { "owner": { "type": "object", "properties": { "email": { "type": "string" } } } } },
              "F": { "properties": { "owner": { "type": "object", "properties": { "phone": { "type": "string" } } } } }
            }
            """);
        var (request, definitions) = ConvertedSchemas.ConvertResponse(components, "Request");
        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(request, definitions));

        Assert.That(((JArray)definitions["response.shapes-elsewhere.owner"]!["anyOf"]!).Last!["$ref"]!.ToString(), Is.EqualTo("#/definitions/response.fields-elsewhere.owner"));
        Assert.That(new[] { "id", "name", "email", "phone" }.Where(f => !coverage.Describes(["owner", f])), Is.Empty,
            $"{ScalarAlsoDocumentedShapes.MaxShapes} shapes are offered as documented, the fourth through the name's field set");
        await ConvertedSchemas.AssertAcceptsAsync(request, definitions, """{"owner":{"id":"UR-1","phone":"+1"}}""");
    }

    [Test]
    public async Task Fields_documented_elsewhere_adds_the_fields_other_objects_of_that_name_document()
    {
        var (request, definitions) = ConvertedSchemas.ConvertResponse(Components, "Request");

        var contract = (JObject)request["properties"]!["contract"]!;
        Assert.That(contract["anyOf"]![1]!["$ref"]!.ToString(), Is.EqualTo("#/definitions/response.fields-elsewhere.contract"));
        var fields = (JObject)definitions["response.fields-elsewhere.contract"]!["properties"]!;
        Assert.That(fields.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "id", "name", "type" }));
        await ConvertedSchemas.AssertAcceptsAsync(request, definitions, """{"contract":{"id":"CRD-1","name":"C","type":"distribution"}}""");
    }

    [Test]
    public void Nested_array_also_flat_accepts_a_flat_array_of_the_inner_elements()
    {
        var schema = JObject.Parse("""{"type":["array","object"],"items":{"type":["array","object"],"items":{"type":"object","properties":{"id":{"type":"string"}}}}}""");

        new NestedArrayAlsoFlat().Apply(schema);

        Assert.That(schema["items"]!["anyOf"]![1]!["properties"]!["id"], Is.Not.Null);
        Assert.That(schema["items"]!["anyOf"]![0]!["items"], Is.Not.Null, "the documented nested form stays");
    }

    [Test]
    public void Boolean_twins_accept_python_strings_and_booleans_for_strings()
    {
        var flag = JObject.Parse("""{"type":["boolean","null"]}""");
        var text = JObject.Parse("""{"type":["string","number","null"]}""");
        var number = JObject.Parse("""{"type":["integer","string"]}""");

        var rule = new BooleanTwinsInResponses();
        rule.Apply(flag);
        rule.Apply(text);
        rule.Apply(number);

        Assert.That(flag["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "boolean", "string", "null" }));
        Assert.That(text["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "string", "number", "boolean", "null" }));
        Assert.That(number["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "integer", "string" }), "only the documented (first) type decides");
    }

    [Test]
    public void Scalar_also_structured_lets_a_documented_string_carry_an_object_or_array()
    {
        var text = JObject.Parse("""{"type":["string","number","null"]}""");
        var number = JObject.Parse("""{"type":["number","string"]}""");

        var rule = new ScalarAlsoStructuredInResponses();
        rule.Apply(text);
        rule.Apply(number);

        Assert.That(text["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "string", "number", "object", "array", "null" }));
        Assert.That(number["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "number", "string" }));
    }

    [Test]
    public void Object_also_array_accepts_a_list_of_the_object()
    {
        var schema = JObject.Parse("""{"type":["object","null"],"properties":{"id":{"type":"string"}}}""");

        new ObjectAlsoArrayInResponses().Apply(schema);

        Assert.That(schema["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "object", "array", "null" }));
    }

    [Test]
    public async Task Plural_entity_also_list_describes_a_list_of_the_entity_a_plural_name_documents_as_one()
    {
        var components = JObject.Parse("""
            {
              "Product": { "properties": {
                "extensions": { "type": "object", "properties": { "id": { "type": "string" }, "package_url": { "type": "string" } } },
                "events": { "type": "object", "properties": { "created": { "type": "object", "properties": { "at": { "type": "string" } } } } },
                "owner": { "type": "object", "properties": { "id": { "type": "string" } } },
                "tags": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" } } } }
              } }
            }
            """);
        var converter = new SchemaConverter(components);
        converter.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Product"}"""), SchemaRole.Response, "GET /products/{id} 200");
        var definitions = new JObject(converter.DrainDefinitions().Select(d => new JProperty(d.Key, d.Value)));
        var product = (JObject)definitions["response.Product"]!;

        Assert.That(new ProfileCoverage(ConvertedSchemas.Standalone(product, definitions)).Describes(["extensions", "[]", "package_url"]));
        Assert.That(new ProfileCoverage(ConvertedSchemas.Standalone(product, definitions)).Describes(["extensions", "package_url"]), "the single object still");
        await ConvertedSchemas.AssertAcceptsAsync(product, definitions, """{"extensions":[{"id":"EXT-1","package_url":"https://example.com/p.zip"}]}""");
        await ConvertedSchemas.AssertAcceptsAsync(product, definitions, """{"extensions":{"id":"EXT-1"}}""");
        Assert.That(converter.Locations.Fired["plural-entity-also-list"], Is.EqualTo(new[] { "response.Product#/extensions" }), "not a map of entries (events), a singular name (owner) or an array (tags)");
    }

    [Test]
    public async Task Empty_string_as_absent_accepts_an_empty_string_for_a_nullable_object_but_no_other_string()
    {
        var (request, definitions) = ConvertedSchemas.ConvertResponse(Components, "Request");

        await ConvertedSchemas.AssertAcceptsAsync(request, definitions, """{"previous":""}""");
        var schema = await JsonSchema.FromJsonAsync(ConvertedSchemas.Standalone(request, definitions).ToString());
        Assert.That(schema.Validate("""{"previous":"PR-1"}"""), Is.Not.Empty);
    }

    [Test]
    public void Flattened_event_fields_describe_created_at_and_created_by()
    {
        var schema = JObject.Parse("""{"properties":{"events":{"properties":{"created":{"properties":{"at":{"type":"string","description":"when"},"by":{"type":"object"}}}}}}}""");

        new FlattenedEventFields().Apply(schema);

        Assert.That((string?)schema["properties"]!["created_at"]!["description"], Is.EqualTo("when"));
        Assert.That(schema["properties"]!["created_by"], Is.Not.Null);
    }

    [Test]
    public void The_rules_that_record_locations_say_where_they_fired()
    {
        var converter = new SchemaConverter(Components);

        converter.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Request"}"""), SchemaRole.Response, "GET /requests/{id} 200");
        converter.DrainDefinitions();

        var fired = converter.Locations.Fired;
        Assert.That(fired["scalar-also-documented-shapes"], Does.Contain("response.Request#/assignee").And.Contain("response.Request#/params"));
        Assert.That(fired["fields-documented-elsewhere"], Does.Contain("response.Request#/contract"));
        Assert.That(fired["nested-array-also-flat"], Does.Contain("response.Request#/settings"));
        Assert.That(fired["flattened-event-fields"], Does.Contain("response.Request#/"));
    }

    [Test]
    public void Requests_are_not_widened_by_the_real_data_rules()
    {
        var converter = new SchemaConverter(Components);

        var request = converter.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Request"}"""), SchemaRole.Request);
        var definitions = converter.DrainDefinitions();

        var converted = (JObject)definitions["request.Request"]!;
        Assert.That(converted["properties"]!["assignee"]!["anyOf"], Is.Null);
        Assert.That(converted["properties"]!["created_at"], Is.Null);
        Assert.That(definitions.Keys, Has.None.Contains("elsewhere"));
        Assert.That(request["$ref"], Is.Not.Null);
    }
}
