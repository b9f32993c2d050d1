using System.Text;
using Connector.Browse.Profiles;
using Connector.Core.Browsing;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Browse.Profiles;

/// <summary>The spliced profile text is byte for byte the text of the copying path (<see cref="ProfileSchemaFactory.Build"/>).</summary>
public sealed class ProfileJsonWriterTests
{
    private const string Sample = """
        {"source": {}, "relaxations": [], "endpoints": [],
         "definitions": {
           "response.Thing": {"type": "object", "description": "A thing.",
             "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "owner": {"$ref": "#/definitions/response.Owner"}, "created": {"type": "string", "default": "2024-01-02T03:04:05+00:00"}}},
           "response.Owner": {"type": "object", "properties": {"id": {"type": "string"}, "parent": {"$ref": "#/definitions/response.Owner"}, "tag": {"$ref": "#/definitions/a \"quoted\" näme"}}},
           "a \"quoted\" näme": {"type": "string", "pattern": "^\\\\d+ü$"},
           "response.Unused": {"type": "object"},
           "response.Odd": {"description": "Odd one.", "type": ["object", "null"], "title": "Dropped", "properties": {"a": {}, "b": {"readOnly": false}, "c": {"readOnly": true}, "d": true, "e": {"$ref": "#/definitions/response.Owner"}, "name": {"type": "string"}}}
         }}
        """;

    [Test]
    public async Task Every_catalogue_profile_is_the_text_of_the_copying_path()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var compared = 0;
        foreach (var entry in catalog.Entries)
        {
            var (input, output) = CopyingPathTexts(entry, catalog.Api);
            Assert.That(entry.Input.ProfileJson, Is.EqualTo(input), $"{entry} INPUT");
            Assert.That(entry.Output.ProfileJson, Is.EqualTo(output), $"{entry} OUTPUT");
            compared += (input is null ? 0 : 1) + (output is null ? 0 : 1);
        }

        Assert.That(compared, Is.GreaterThan(100), "the catalogue has over a hundred JSON profiles");
    }

    [Test]
    public async Task Names_and_values_are_escaped_as_the_copying_path_escapes_them()
    {
        var api = await SampleAsync();
        var schema = JObject.Parse("""{"$ref": "#/definitions/response.Thing", "description": "Über \"things\""}""");

        var text = new ProfileJsonWriter(api).Write(schema, "Thing (GET output)", "Read", new HashSet<string> { "name" }).Join();

        var copied = ProfileSchemaFactory.Build(api, schema, "Thing (GET output)", "Read");
        ReadOnlyMarking.Mark(copied, new HashSet<string> { "name" });
        Assert.That(text, Is.EqualTo(copied.ToString(Formatting.None)));
        Assert.That(JObject.Parse(text)["definitions"]!.Children<JProperty>().Select(p => p.Name), Is.EqualTo(new[] { "a \"quoted\" näme", "response.Owner", "response.Thing" }));
    }

    [TestCase("""{"$ref": "#/definitions/response.Odd", "description": "Sibling wins", "x-extra": 1}""")]
    [TestCase("""{"$ref": "#/definitions/response.Odd"}""")]
    [TestCase("""{"type": ["object", "null"], "properties": {"a": {}, "b": {"readOnly": false, "type": "string"}, "c": {"readOnly": true}, "d": true, "e": {"$ref": "#/definitions/response.Owner"}, "name": {"type": "string"}}}""")]
    [TestCase("""{"type": "object", "description": "   ", "properties": {}}""")]
    [TestCase("""{"anyOf": [{"$ref": "#/definitions/response.Thing"}, {"type": "null"}]}""")]
    [TestCase("""{"maxLength": 0, "type": ["object", "array", "string", "null"], "items": {"type": "object"}, "properties": {"name": {"type": "string", "maxLength": 3}}}""")]
    public async Task Roots_are_written_as_the_copying_path_writes_them(string schemaJson)
    {
        var api = await SampleAsync();
        var schema = JObject.Parse(schemaJson);
        foreach (var writable in new[] { null, new HashSet<string> { "name" } })
        {
            var text = new ProfileJsonWriter(api).Write(schema, "Odd (GET output)", "The summary", writable).Join();

            var copied = ProfileSchemaFactory.Build(api, schema, "Odd (GET output)", "The summary");
            if (writable is not null)
            {
                ReadOnlyMarking.Mark(copied, writable);
            }

            Assert.That(text, Is.EqualTo(copied.ToString(Formatting.None)), writable is null ? "unmarked" : "marked");
        }

        Assert.That(schema.ToString(Formatting.None), Is.EqualTo(JObject.Parse(schemaJson).ToString(Formatting.None)), "the derived schema is not changed");
    }

    [Test]
    public async Task Each_shared_definition_is_listed_once_per_writer_and_serialized_when_first_joined()
    {
        var api = await SampleAsync();
        var writer = new ProfileJsonWriter(api);
        var thing = JObject.Parse("""{"$ref": "#/definitions/response.Thing"}""");
        var owners = JObject.Parse("""{"type": "array", "items": {"$ref": "#/definitions/response.Owner"}}""");

        var first = writer.Write(thing, "Thing", null, null);
        var afterFirst = writer.SharedDefinitionCount;
        var second = writer.Write(thing, "Thing", null, null);
        writer.Write(owners, "Owners", null, null);

        Assert.That(afterFirst, Is.EqualTo(3), "Thing, Owner and the quoted name: the unused definition is never reached");
        Assert.That(writer.SharedDefinitionCount, Is.EqualTo(3), "the second profile and the owners' profile reuse the definitions");
        Assert.That(first.Definitions.Any(d => d.Text.IsValueCreated), Is.False, "writing a profile serializes nothing shared");
        var joined = first.Join();
        Assert.That(first.Definitions.All(d => d.Text.IsValueCreated), Is.True, "joining it serializes what it reaches, once for all profiles");
        Assert.That(second.Join(), Is.EqualTo(joined));
        Assert.That(second.Definitions, Is.EqualTo(first.Definitions).Using<SharedDefinition>(ReferenceEquals), "both profiles hold the same definition texts");
        Assert.That(new ProfileJsonWriter(api).SharedDefinitionCount, Is.Zero, "another writer (another loaded catalog) starts empty");
    }

    [Test]
    public async Task What_a_schema_reaches_is_found_once_per_schema_instance_and_a_rebuild_splices_the_same_text()
    {
        var api = await SampleAsync();
        var writer = new ProfileJsonWriter(api);
        var thing = JObject.Parse("""{"$ref": "#/definitions/response.Thing"}""");

        var first = writer.Write(thing, "Thing", null, null);
        var rebuilt = writer.Write(thing, "Thing (again)", "Read", new HashSet<string> { "name" });
        var equalCopy = writer.Write((JObject)thing.DeepClone(), "Thing", null, null);

        Assert.That(rebuilt.Definitions, Is.SameAs(first.Definitions), "the same derived schema (a rebuild, another entry) reuses its reached definitions");
        Assert.That(equalCopy.Definitions, Is.Not.SameAs(first.Definitions).And.EqualTo(first.Definitions).Using<SharedDefinition>(ReferenceEquals), "an equal schema elsewhere reaches the same shared definitions");
        var copied = ProfileSchemaFactory.Build(api, thing, "Thing (again)", "Read");
        ReadOnlyMarking.Mark(copied, new HashSet<string> { "name" });
        Assert.That(rebuilt.Join(), Is.EqualTo(copied.ToString(Formatting.None)), "its own title, summary and marking");
        var broken = JObject.Parse("""{"$ref": "#/definitions/response.Missing"}""");
        Assert.Throws<FormatException>(() => writer.Write(broken, "Broken", null, null));
        Assert.Throws<FormatException>(() => writer.Write(broken, "Broken", null, null), "a schema that fails is not remembered as reached");
    }

    [Test]
    public async Task A_profile_joined_before_is_the_same_text_and_any_change_of_its_content_is_joined_anew()
    {
        var api = await SampleAsync();
        var writer = new ProfileJsonWriter(api);
        const string Fields = """{"type": "object", "properties": {"owner": {"$ref": "#/definitions/response.Owner"}, "name": {"type": "string"}}}""";
        var schema = JObject.Parse(Fields);
        var name = new HashSet<string> { "name" };
        var first = writer.Write(schema, "Thing (GET output)", "Read", name).Join();

        Assert.That(writer.Write(schema, "Thing (GET output)", "Read", new HashSet<string> { "name" }).Join(), Is.SameAs(first), "a rebuild of the same profile");
        Assert.That(writer.Write(JObject.Parse(Fields), "Thing (GET output)", "Read", name).Join(), Is.SameAs(first), "an equal schema elsewhere: told by content, not by instance");
        Assert.That(new ProfileJsonWriter(api).Write(schema, "Thing (GET output)", "Read", name).Join(), Is.Not.SameAs(first).And.EqualTo(first), "another writer (another loaded data) keeps its own texts");
        var changes = new (string Change, JObject Schema, string Title, string? Summary, IReadOnlySet<string>? Writable)[]
        {
            ("title", schema, "Thing (SEARCH output)", "Read", name),
            ("summary", schema, "Thing (GET output)", "Read one", name),
            ("no summary", schema, "Thing (GET output)", null, name),
            ("writable set", schema, "Thing (GET output)", "Read", new HashSet<string> { "name", "owner" }),
            ("no marking", schema, "Thing (GET output)", "Read", null),
            ("schema, same definitions", JObject.Parse("""{"type": "object", "properties": {"owner": {"$ref": "#/definitions/response.Owner"}}}"""), "Thing (GET output)", "Read", name),
            ("schema, other definitions", JObject.Parse("""{"type": "object", "properties": {"owner": {"$ref": "#/definitions/response.Thing"}, "name": {"type": "string"}}}"""), "Thing (GET output)", "Read", name),
        };
        foreach (var (change, changedSchema, title, summary, writable) in changes)
        {
            var text = writer.Write(changedSchema, title, summary, writable).Join();

            var copied = ProfileSchemaFactory.Build(api, changedSchema, title, summary);
            if (writable is not null)
            {
                ReadOnlyMarking.Mark(copied, writable);
            }

            Assert.That(text, Is.Not.EqualTo(first).And.EqualTo(copied.ToString(Formatting.None)), change);
            Assert.That(writer.Write(changedSchema, title, summary, writable).Join(), Is.SameAs(text), change + ", joined again");
        }

        Assert.That(writer.Write(schema, "Thing (GET output)", "Read", name).Join(), Is.SameAs(first), "the first content is still kept");
    }

    [Test]
    public void Joined_texts_are_kept_within_their_budget_and_start_over_when_it_is_passed()
    {
        var definition = new SharedDefinition("\"d\"", new Lazy<string>("{}"), []);
        var other = new SharedDefinition("\"d\"", new Lazy<string>("{}"), []);
        var texts = new JoinedProfileTexts(maxCharacters: 40);
        var joins = 0;
        string Join(string root, IReadOnlyList<SharedDefinition> definitions)
        {
            joins++;
            return root + new string(' ', 10) + definitions.Count;
        }

        var first = texts.GetOrJoin("{\"a\":1}", [definition], Join);
        var again = texts.GetOrJoin("{\"a\":1}", [definition], Join);
        var otherDefinition = texts.GetOrJoin("{\"a\":1}", [other], Join);
        var twoDefinitions = texts.GetOrJoin("{\"a\":1}", [definition, definition], Join);

        Assert.That(again, Is.SameAs(first));
        Assert.That(otherDefinition, Is.Not.SameAs(first), "another definition instance is other content");
        Assert.That(twoDefinitions, Is.Not.EqualTo(first));
        Assert.That(joins, Is.EqualTo(3));
        Assert.That(texts.Count, Is.EqualTo(1), "three texts of 18 characters pass 40: the third starts over");
        Assert.That(texts.GetOrJoin("{\"a\":1}", [definition], Join), Is.Not.SameAs(first).And.EqualTo(first), "dropped, so joined again");
        Assert.That(joins, Is.EqualTo(4));
    }

    [Test]
    public async Task A_union_of_the_same_shapes_is_made_once_per_writer_and_equals_the_plain_union()
    {
        var api = await SampleAsync();
        var writer = new ProfileJsonWriter(api);
        JObject Thing() => JObject.Parse("""{"$ref": "#/definitions/response.Thing"}""");
        JObject Odd() => JObject.Parse("""{"$ref": "#/definitions/response.Odd"}""");

        var first = writer.Union([Thing(), Odd()]);
        var again = writer.Union([Thing(), Thing(), Odd()]);
        var other = writer.Union([Odd(), Thing()]);

        Assert.That(again, Is.SameAs(first), "equal shapes in other objects (another endpoint's answer) reuse the union");
        Assert.That(other, Is.Not.SameAs(first), "the order of the shapes decides the union's order");
        Assert.That(JToken.DeepEquals(first, ObjectShapes.Union([Thing(), Odd()], api.Definitions)), Is.True);
        Assert.That(writer.Union([Thing(), Thing()])?.ToString(Formatting.None), Is.EqualTo(Thing().ToString(Formatting.None)), "one distinct shape is its own union");
        Assert.That(writer.Union([]), Is.Null);
    }

    [Test]
    public async Task A_schema_with_definitions_of_its_own_gets_the_copying_path_text()
    {
        var api = await SampleAsync();
        var schema = JObject.Parse("""{"type": "object", "properties": {"own": {"$ref": "#/definitions/response.Owner"}}, "definitions": {"local": {"type": "integer"}}}""");

        var text = new ProfileJsonWriter(api).Write(schema, "Own", null, null).Join();

        Assert.That(text, Is.EqualTo(ProfileSchemaFactory.Build(api, schema, "Own", null).ToString(Formatting.None)));
        Assert.That(((JObject)JObject.Parse(text)["definitions"]!).Properties().Select(p => p.Name), Does.Contain("local").And.Contain("response.Owner"));
    }

    [Test]
    public async Task A_reference_that_does_not_resolve_is_refused_as_by_the_copying_path()
    {
        var api = await SampleAsync();
        var schema = JObject.Parse("""{"type": "object", "properties": {"x": {"$ref": "#/definitions/response.Missing"}}}""");

        var ex = Assert.Throws<FormatException>(() => new ProfileJsonWriter(api).Write(schema, "X", null, null));
        var copying = Assert.Throws<FormatException>(() => ProfileSchemaFactory.Build(api, schema, "X", null));

        Assert.That(ex!.Message, Is.EqualTo(copying!.Message));
        Assert.Throws<FormatException>(() => new ProfileJsonWriter(api).Write(JObject.Parse("""{"$ref": "other.json#/x"}"""), "X", null, null));
    }

    /// <summary>The profiles as the catalogue built them before their text was spliced: standalone copies, serialized.</summary>
    internal static (string? Input, string? Output) CopyingPathTexts(Connector.Browse.Catalog.ConnectCatalogEntry entry, ApiCatalog api)
    {
        var writeProfiles = entry.ObjectType.Operations
            .Where(o => o.Type.Kind is OperationKind.Create or OperationKind.Update)
            .Select(o => ProfileRules.Input(o, api.Find(o.Method, o.Path)!, api.Definitions).Schema)
            .OfType<JObject>()
            .ToList();
        var input = ProfileRules.Input(entry.Operation, entry.Endpoint, api.Definitions);
        var output = ProfileRules.Output(entry.ObjectType, entry.Operation, entry.Endpoint, api);
        string Title(string role) => $"{entry.ObjectType.Label} ({entry.Operation.Type.ToDisplayName()} {role})";
        var inputJson = input.Schema is null ? null : ProfileSchemaFactory.Build(api, input.Schema, Title("input"), entry.Endpoint.Summary);
        var outputJson = output.Schema is null ? null : ProfileSchemaFactory.Build(api, output.Schema, Title("output"), entry.Endpoint.Summary);
        if (outputJson is not null)
        {
            ReadOnlyMarking.Mark(outputJson, ReadOnlyMarking.WritableFields(entry.ObjectType, writeProfiles, input.Schema, api.Definitions));
        }

        Assert.That(entry.Input.ContentType, Is.EqualTo(input.ContentType));
        Assert.That(entry.Output.ContentType, Is.EqualTo(output.ContentType));
        return (inputJson?.ToString(Formatting.None), outputJson?.ToString(Formatting.None));
    }

    private static async Task<ApiCatalog> SampleAsync()
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Sample));
        return await ApiCatalog.LoadAsync(stream, "sample", CancellationToken.None);
    }
}
