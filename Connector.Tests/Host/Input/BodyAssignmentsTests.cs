using Connector.Host;
using Connector.Host.Input;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Host.Input;

[TestFixture]
public sealed class BodyAssignmentsTests
{
    [Test]
    public void Values_are_json_when_they_parse_else_strings_and_dotted_keys_nest()
    {
        var assignments = BodyAssignments.Parse(["a=5", "b=true", "c=hello world", "d.e.f=x", "g={\"h\":1}", "i=\"7\"", "j="]);
        var document = new JObject { ["d"] = new JObject { ["keep"] = 1 } };

        assignments.ApplyTo(document);

        Assert.That(JToken.DeepEquals(document, JObject.Parse("{\"d\":{\"keep\":1,\"e\":{\"f\":\"x\"}},\"a\":5,\"b\":true,\"c\":\"hello world\",\"g\":{\"h\":1},\"i\":\"7\",\"j\":\"\"}")), Is.True, document.ToString());
    }

    [Test]
    public void Assignments_override_fields_of_a_line_and_leave_a_malformed_line_alone()
    {
        var assignments = BodyAssignments.Parse(["template_id=TL-1"]);

        Assert.That(assignments.ApplyTo("{\"id\":\"PR-1\",\"template_id\":\"old\"}"), Is.EqualTo("{\"id\":\"PR-1\",\"template_id\":\"TL-1\"}"));
        Assert.That(assignments.ApplyTo("{not json"), Is.EqualTo("{not json"));
        Assert.That(assignments.ApplyTo("[1,2]"), Is.EqualTo("[1,2]"));
    }

    [TestCase("novalue")]
    [TestCase("=x")]
    [TestCase("a..b=x")]
    public void A_malformed_assignment_is_a_usage_error(string assignment)
    {
        Assert.Throws<UsageException>(() => BodyAssignments.Parse([assignment]));
    }

    /// <summary>A profile shaped like the derived Connect ones: strings also take numbers, numbers also take strings.</summary>
    private const string Profile = """
        {
          "type": "object",
          "definitions": { "Product": { "type": "object", "properties": { "id": { "type": ["string", "number"] } } } },
          "properties": {
            "subject": { "type": ["string", "number"], "maxLength": 300 },
            "plain": { "type": "string" },
            "note": { "type": ["string", "number", "null"] },
            "priority": { "type": ["string", "number"], "x-enum": [0, 1, 2, 3] },
            "period_delta": { "type": ["number", "string"], "minimum": 0 },
            "index": { "type": ["integer", "string"] },
            "flag": { "type": "boolean" },
            "template": { "type": "object", "properties": { "id": { "type": ["string", "number"] } } },
            "params": { "type": "array", "items": { "type": "object" } },
            "product": { "anyOf": [ { "$ref": "#/definitions/Product" }, { "type": "null" } ] },
            "anything": { }
          }
        }
        """;

    [Test]
    public async Task A_string_field_keeps_the_text_even_when_it_reads_as_JSON()
    {
        var schema = await JsonSchema.FromJsonAsync(Profile);
        var document = new JObject();

        BodyAssignments.Parse(["subject=42", "plain=true", "note=123", "template.id=7", "product.id=false", "subject2=x"]).TypedBy(schema).ApplyTo(document);

        Assert.That(document["subject"]!.Type, Is.EqualTo(JTokenType.String));
        Assert.That((string?)document["subject"], Is.EqualTo("42"));
        Assert.That((string?)document["plain"], Is.EqualTo("true"));
        Assert.That(document["plain"]!.Type, Is.EqualTo(JTokenType.String));
        Assert.That(document["note"]!.Type, Is.EqualTo(JTokenType.String), "a nullable string field");
        Assert.That(document["template"]!["id"]!.Type, Is.EqualTo(JTokenType.String), "nested through an object");
        Assert.That(document["product"]!["id"]!.Type, Is.EqualTo(JTokenType.String), "nested through anyOf [$ref, null]");
    }

    [Test]
    public async Task A_non_string_field_reads_the_value_as_JSON()
    {
        var schema = await JsonSchema.FromJsonAsync(Profile);
        var document = new JObject();

        BodyAssignments.Parse(["priority=1", "period_delta=0.5", "index=3", "flag=true", "template={\"id\":\"TL-1\"}", "params=[{\"id\":\"P\"}]"]).TypedBy(schema).ApplyTo(document);

        Assert.That(JToken.DeepEquals(document, JObject.Parse("""{"priority":1,"period_delta":0.5,"index":3,"flag":true,"template":{"id":"TL-1"},"params":[{"id":"P"}]}""")), Is.True, document.ToString());
    }

    [Test]
    public async Task A_non_string_field_given_text_that_is_not_JSON_keeps_it_as_a_string_for_validation_to_name()
    {
        var schema = await JsonSchema.FromJsonAsync(Profile);
        var document = new JObject();

        BodyAssignments.Parse(["flag=yes", "priority=high"]).TypedBy(schema).ApplyTo(document);

        Assert.That((string?)document["flag"], Is.EqualTo("yes"));
        Assert.That((string?)document["priority"], Is.EqualTo("high"));
    }

    [Test]
    public async Task A_field_the_profile_does_not_describe_or_type_takes_JSON_when_it_parses_as_before()
    {
        var schema = await JsonSchema.FromJsonAsync(Profile);
        var typed = new JObject();
        var untyped = new JObject();

        BodyAssignments.Parse(["unknown=5", "template.other=true", "anything=42", "words=a b"]).TypedBy(schema).ApplyTo(typed);
        BodyAssignments.Parse(["subject=42"]).TypedBy(null).ApplyTo(untyped);

        Assert.That(JToken.DeepEquals(typed, JObject.Parse("""{"unknown":5,"template":{"other":true},"anything":42,"words":"a b"}""")), Is.True, typed.ToString());
        Assert.That(untyped["subject"]!.Type, Is.EqualTo(JTokenType.Integer), "without a profile");
    }
}
