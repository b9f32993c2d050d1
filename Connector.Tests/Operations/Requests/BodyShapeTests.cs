using Connector.Operations.Requests;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Operations.Requests;

/// <summary>Validation is remembered per body shape only where the schema cannot tell two bodies of one shape apart.</summary>
[TestFixture]
public sealed class BodyShapeTests
{
    [TestCase("usage_record", "BULK_CLOSE")]
    [TestCase("request", "APPROVE")]
    [TestCase("request", "INQUIRE")]
    public async Task Shipped_action_profiles_decide_validity_by_shape(string objectType, string operation)
    {
        var profile = await ProfileAsync(objectType, operation);
        Assert.That(BodyShape.DecidesValidity(profile.Schema), Is.True);
    }

    [TestCase("""{"type":"object","properties":{"status":{"type":"string","enum":["a","b"]}}}""")]
    [TestCase("""{"type":"object","properties":{"id":{"type":"string","pattern":"^PR-"}}}""")]
    [TestCase("""{"type":"object","properties":{"at":{"type":"string","format":"date-time"}}}""")]
    [TestCase("""{"type":"object","properties":{"note":{"type":"string","maxLength":3}}}""")]
    [TestCase("""{"type":"object","properties":{"n":{"type":"number","minimum":1}}}""")]
    [TestCase("""{"type":"object","anyOf":[{"properties":{"s":{"enum":["x"]}}},{"required":["t"]}]}""")]
    [TestCase("""{"type":"object","properties":{"items":{"type":"array","items":{"type":"string","minLength":1}}}}""")]
    public async Task A_schema_that_looks_at_values_does_not(string schema)
    {
        Assert.That(BodyShape.DecidesValidity(await JsonSchema.FromJsonAsync(schema)), Is.False);
    }

    [Test]
    public void A_shape_keeps_names_order_types_and_array_lengths_but_not_values()
    {
        string? Key(string json) => BodyShape.Key(JToken.Parse(json));

        Assert.Multiple(() =>
        {
            Assert.That(Key("""{"id":"UR-1","note":"a"}"""), Is.EqualTo(Key("""{"id":"UR-2","note":"something else"}""")));
            Assert.That(Key("""{"id":"UR-1"}"""), Is.Not.EqualTo(Key("""{"id":1}""")));
            Assert.That(Key("""{"id":1}"""), Is.Not.EqualTo(Key("""{"id":1.5}""")));
            Assert.That(Key("""{"id":"a","n":"b"}"""), Is.Not.EqualTo(Key("""{"n":"b","id":"a"}""")));
            Assert.That(Key("""{"a":["x"]}"""), Is.Not.EqualTo(Key("""{"a":["x","y"]}""")));
            Assert.That(Key("""{"ab":"x"}"""), Is.Not.EqualTo(Key("""{"a":"x"}""")));
            Assert.That(Key("""{"x":[""" + string.Join(",", Enumerable.Repeat("\"v\"", 5000)) + "]}"), Is.Null, "a huge structure is not remembered");
        });
    }

    [Test]
    public async Task Remembered_verdicts_are_the_verdicts_of_the_schema()
    {
        var remembering = await ProfileAsync("request", "APPROVE");
        string[] bodies =
        [
            """{"template_id":"TL-1"}""", """{"template_id":"TL-2"}""", """{"activation_tile":"x"}""", "{}", """{"template_id":{"id":1}}""",
            """{"template_id":"TL-3","asset":{"billing":{"next_date":"2024-01-01"}}}""", """{"template_id":"TL-4","asset":{"billing":"x"}}""", "{}",
        ];

        foreach (var body in bodies)
        {
            var fresh = await ProfileAsync("request", "APPROVE");
            Assert.That(remembering.Validate(JToken.Parse(body)), Is.EqualTo(fresh.Validate(JToken.Parse(body))), body);
        }

        for (var i = 0; i < 100; i++)
        {
            remembering.Validate(JToken.Parse($$"""{"template_id":"TL-{{i}}"}"""));
        }

        Assert.That(remembering.RememberedShapes, Is.EqualTo(bodies.Distinct().Select(b => BodyShape.Key(JToken.Parse(b))).Distinct().Count()), "one verdict per shape, however many bodies");
    }

    [Test]
    public async Task Value_constraints_are_checked_for_every_body()
    {
        var profile = new InputProfile(await JsonSchema.FromJsonAsync("""{"type":"object","properties":{"status":{"type":"string","enum":["a","b"]}}}"""), "test");

        Assert.That(profile.Validate(JToken.Parse("""{"status":"a"}""")), Is.Empty);
        Assert.That(profile.Validate(JToken.Parse("""{"status":"z"}""")), Has.Count.EqualTo(1));
        Assert.That(profile.RememberedShapes, Is.Zero);
    }

    private static async Task<InputProfile> ProfileAsync(string objectType, string operation)
    {
        var context = await OperationTestContexts.CreateAsync(objectType, operation);
        var data = await ConnectApiData.GetAsync(await OperationTestContexts.StoreAsync(), CancellationToken.None);
        return await data.InputProfileAsync(context.ObjectType, context.Operation, CancellationToken.None) ?? throw new InvalidOperationException("no input profile");
    }
}
