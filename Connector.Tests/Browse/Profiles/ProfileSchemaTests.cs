using System.Text;
using Connector.Browse.Profiles;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Browse.Profiles;

public sealed class ProfileSchemaTests
{
    private const string Sample = """
        {"source": {}, "relaxations": [], "endpoints": [],
         "definitions": {
           "response.Thing": {"type": "object", "description": "A thing.",
             "properties": {"id": {"type": "string", "readOnly": true}, "name": {"type": "string"}, "owner": {"$ref": "#/definitions/response.Owner"}, "created": {"type": "string"}}},
           "response.Owner": {"type": "object", "properties": {"id": {"type": "string"}, "parent": {"$ref": "#/definitions/response.Owner"}}},
           "response.Unused": {"type": "object"},
           "request.Create": {"type": "object", "properties": {"name": {"type": "string"}, "owner": {"type": "object"}}},
           "request.Other": {"type": "object", "properties": {"id": {"type": "string"}, "note": {"type": "string"}}}
         }}
        """;

    [Test]
    public async Task A_root_reference_is_inlined_with_the_title_and_only_reached_definitions()
    {
        var api = await SampleAsync();

        var json = ProfileSchemaFactory.Build(api, JObject.Parse("""{"$ref": "#/definitions/response.Thing"}"""), "Thing (GET output)", "Read a thing");
        var schema = await JsonSchema.FromJsonAsync(json.ToString(), CancellationToken.None);

        Assert.That((string?)json["title"], Is.EqualTo("Thing (GET output)"));
        Assert.That((string?)json["description"], Is.EqualTo("A thing."), "the schema's own description wins over the summary");
        Assert.That(json.ContainsKey("$ref"), Is.False);
        Assert.That(((JObject)json["definitions"]!).Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "response.Thing", "response.Owner" }));
        Assert.That(schema.ActualProperties.Keys, Is.EqualTo(new[] { "id", "name", "owner", "created" }));
        Assert.That(schema.ActualProperties["owner"].ActualSchema.ActualProperties.Keys, Does.Contain("parent"));
        Assert.That((string?)api.Definitions["response.Thing"]!["title"], Is.Null, "the catalog's data is not changed");
    }

    [Test]
    public async Task A_root_that_also_allowed_other_types_is_an_object_without_their_keywords()
    {
        var api = await SampleAsync();

        // What empty-string-as-absent and object-also-array make of a nullable answer: "" (maxLength 0) or a list accepted too.
        var json = ProfileSchemaFactory.Build(
            api,
            JObject.Parse("""{"type": ["object", "array", "string", "null"], "maxLength": 0, "minItems": 0, "items": {"type": "object"}, "x-note": 1, "properties": {"reason": {"type": ["string", "null"], "maxLength": 9}}}"""),
            "Thing (GET output)",
            null);

        Assert.That((string?)json["type"], Is.EqualTo("object"));
        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "$schema", "title", "type", "x-note", "properties" }), "the string's and the list's keywords say nothing of an object");
        Assert.That((int?)json["properties"]!["reason"]!["maxLength"], Is.EqualTo(9), "a field's own keywords stay");
    }

    [Test]
    public async Task The_summary_describes_a_schema_without_description()
    {
        var api = await SampleAsync();

        var json = ProfileSchemaFactory.Build(api, JObject.Parse("""{"type": "object", "properties": {"reason": {"type": "string"}}}"""), "Thing (REJECT input)", "Reject a thing");

        Assert.That((string?)json["description"], Is.EqualTo("Reject a thing"));
        Assert.That(json.ContainsKey("definitions"), Is.False);
    }

    [Test]
    public async Task Root_fields_no_write_profile_accepts_become_read_only_and_the_id_always_is()
    {
        var api = await SampleAsync();
        var thing = new ObjectTypeDescriptor("thing", "Thing", null, null, "id", null, []);
        var output = ProfileSchemaFactory.Build(api, JObject.Parse("""{"$ref": "#/definitions/response.Thing"}"""), "Thing (ASSIGN output)", null);
        var writable = ReadOnlyMarking.WritableFields(
            thing,
            [JObject.Parse("""{"$ref": "#/definitions/request.Create"}""")],
            JObject.Parse("""{"anyOf": [{"$ref": "#/definitions/request.Other"}]}"""),
            api.Definitions);

        var marked = ReadOnlyMarking.Mark(output, writable);
        var schema = await JsonSchema.FromJsonAsync(output.ToString(), CancellationToken.None);

        Assert.That(writable, Is.EquivalentTo(new[] { "name", "owner", "note" }), "the entry body's id names something else");
        Assert.That(marked, Is.EqualTo(new[] { "created" }), "id is already read-only in the document");
        Assert.That(schema.ActualProperties.Where(p => p.Value.IsReadOnly).Select(p => p.Key), Is.EquivalentTo(new[] { "id", "created" }));
    }

    [Test]
    public async Task A_referenced_field_is_marked_through_a_wrapper_that_still_validates_like_the_reference()
    {
        var api = await SampleAsync();
        var output = ProfileSchemaFactory.Build(api, JObject.Parse("""{"$ref": "#/definitions/response.Thing"}"""), "Thing (GET output)", null);

        var marked = ReadOnlyMarking.Mark(output, new HashSet<string>());
        var schema = await JsonSchema.FromJsonAsync(output.ToString(), CancellationToken.None);

        Assert.That(marked, Is.EqualTo(new[] { "name", "owner", "created" }));
        Assert.That(output["properties"]!["owner"]!["allOf"]![0]!["$ref"]!.ToString(), Is.EqualTo("#/definitions/response.Owner"));
        Assert.That(schema.ActualProperties["owner"].IsReadOnly, Is.True);
        Assert.That(schema.Validate(JToken.Parse("""{"owner": {"id": "O-1"}}""")), Is.Empty);
        Assert.That(schema.Validate(JToken.Parse("""{"owner": "O-1"}""")), Is.Not.Empty);
    }

    [TestCase("{}", true)]
    [TestCase("""{"description": "Nothing said."}""", true)]
    [TestCase("""{"type": "object"}""", false)]
    [TestCase("""{"$ref": "#/definitions/response.Thing"}""", false)]
    public void Undocumented_schemas_are_those_that_constrain_nothing(string schema, bool undocumented)
    {
        Assert.That(SchemaShape.IsUndocumented(JObject.Parse(schema)), Is.EqualTo(undocumented));
    }

    [Test]
    public async Task Items_of_a_referenced_array_are_found_and_a_missing_items_schema_is_reported()
    {
        var sample = JObject.Parse(Sample);
        sample["definitions"]!["response.List"] = JObject.Parse("""{"type": ["array", "object"], "items": {"$ref": "#/definitions/response.Thing"}}""");
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sample.ToString()));
        var definitions = (await ApiCatalog.LoadAsync(stream, "sample", CancellationToken.None)).Definitions;

        var items = SchemaShape.ItemsOf(JObject.Parse("""{"$ref": "#/definitions/response.List"}"""), definitions, "The list");
        var ex = Assert.Throws<FormatException>(() => SchemaShape.ItemsOf(JObject.Parse("""{"type": "object"}"""), definitions, "The bulk body"));

        Assert.That((string?)items["$ref"], Is.EqualTo("#/definitions/response.Thing"));
        Assert.That(ex.Message, Does.StartWith("The bulk body"));
    }

    private static async Task<ApiCatalog> SampleAsync()
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Sample));
        return await ApiCatalog.LoadAsync(stream, "sample", CancellationToken.None);
    }
}
