using Connector.Core.Browsing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Core.Browsing;

public sealed class ObjectDefinitionTests
{
    private const string Profile = """{"$schema":"http://json-schema.org/draft-07/schema#","title":"Thing","type":"object","properties":{"id":{"type":"string"}}}""";

    [Test]
    public void A_definition_given_as_text_answers_with_the_text_and_loads_the_schema_only_when_read()
    {
        var made = 0;
        var definition = new ObjectDefinition(ObjectDefinitionRole.Output, () =>
        {
            made++;
            return "this is not a schema";
        });

        Assert.That(definition.ContentType, Is.EqualTo(DefinitionContentType.Json));
        Assert.That(made, Is.Zero, "the text is made when first read");
        Assert.That(definition.ProfileJson, Is.EqualTo("this is not a schema"), "the answer needs no schema load");
        Assert.That(definition.ProfileJson, Is.EqualTo("this is not a schema"));
        Assert.That(made, Is.EqualTo(1), "and made once");
        Assert.That(definition.ToString(), Does.Contain("Output").And.Not.Contain("not a schema"));
        Assert.Throws<JsonReaderException>(() => _ = definition.Schema, "the text is loaded into NJsonSchema on the first read");
    }

    [Test]
    public async Task The_schema_loaded_from_the_text_is_the_schema_the_text_describes_and_is_loaded_once()
    {
        var definition = new ObjectDefinition(ObjectDefinitionRole.Input, () => Profile);
        var expected = await JsonSchema.FromJsonAsync(Profile, CancellationToken.None);

        Assert.That(definition.Schema!.ToJson(), Is.EqualTo(expected.ToJson()));
        var loaded = definition.Schema;
        Assert.That(definition.Schema, Is.SameAs(loaded), "loaded once");
    }

    [Test]
    public void A_definition_given_as_text_prints_that_text_indented_not_NJsonSchema_s_rewrite_of_it()
    {
        // A documented string that real data also sends as a number or an object; a read-only field; two definitions
        // alike, each referenced by its own name; numbers written as the text writes them.
        const string text = """{"$schema":"http://json-schema.org/draft-07/schema#","title":"Thing","type":"object","properties":{"id":{"type":["string","number","object","null"],"readOnly":true},"a":{"$ref":"#/definitions/response.A"},"b":{"$ref":"#/definitions/response.B"},"n":{"type":"integer","minimum":-2147483648,"minItems":0}},"definitions":{"response.A":{"type":"object","properties":{"at":{"type":"string"}}},"response.B":{"type":"object","properties":{"at":{"type":"string"}}}}}""";
        var definition = new ObjectDefinition(ObjectDefinitionRole.Output, () => text);

        var printed = definition.ToSchemaJson()!;

        Assert.That(printed, Does.Contain(Environment.NewLine + "  \"title\": \"Thing\","), "indented");
        Assert.That(JToken.DeepEquals(JToken.Parse(printed), JToken.Parse(text)), Is.True, "the same JSON, keyword for keyword: " + printed);
        Assert.That(printed, Does.Contain("\"readOnly\": true").And.Not.Contain("\"readonly\""));
        Assert.That(printed, Does.Contain("-2147483648,").And.Not.Contain("-2147483648.0"));
        Assert.That(definition.Schema!.ToJson(), Does.Contain("\"readonly\""), "NJsonSchema's own serialization (what was printed before) writes a keyword draft-07 does not have");
    }

    [Test]
    public async Task A_definition_made_from_a_schema_prints_that_schema()
    {
        var schema = await JsonSchema.FromJsonAsync(Profile, CancellationToken.None);

        Assert.That(new ObjectDefinition(ObjectDefinitionRole.Input, DefinitionContentType.Json, schema).ToSchemaJson(), Is.EqualTo(schema.ToJson()));
        Assert.That(new ObjectDefinition(ObjectDefinitionRole.Input, () => Profile) { Schema = schema }.ToSchemaJson(), Is.EqualTo(schema.ToJson()), "a schema given over a text replaces it");
        Assert.That(new ObjectDefinition(ObjectDefinitionRole.Input, DefinitionContentType.None, null).ToSchemaJson(), Is.Null);
    }

    [Test]
    public async Task A_definition_made_from_a_schema_gives_that_schema_s_text_and_equality_follows_the_text()
    {
        var schema = await JsonSchema.FromJsonAsync(Profile, CancellationToken.None);
        var fromSchema = new ObjectDefinition(ObjectDefinitionRole.Input, DefinitionContentType.Json, schema);
        var other = await JsonSchema.FromJsonAsync("""{"type":"object","properties":{"name":{"type":"string"}}}""", CancellationToken.None);
        var replaced = fromSchema with { Schema = other };

        Assert.That(fromSchema.Schema, Is.SameAs(schema));
        Assert.That(fromSchema.ProfileJson, Is.EqualTo(schema.ToJson(Formatting.None)));
        Assert.That(replaced.Schema, Is.SameAs(other));
        Assert.That(replaced.ProfileJson, Is.EqualTo(other.ToJson(Formatting.None)), "a new schema brings its own text");
        var sameText = new ObjectDefinition(ObjectDefinitionRole.Input, () => Profile);
        Assert.That(new ObjectDefinition(ObjectDefinitionRole.Input, () => Profile), Is.EqualTo(sameText));
        Assert.That(new ObjectDefinition(ObjectDefinitionRole.Input, () => Profile), Is.Not.EqualTo(new ObjectDefinition(ObjectDefinitionRole.Output, () => Profile)));
        Assert.That(replaced, Is.Not.EqualTo(fromSchema));
        Assert.That(new ObjectDefinition(ObjectDefinitionRole.Input, DefinitionContentType.None, null).ProfileJson, Is.Null);
    }
}
