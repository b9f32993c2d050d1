using Connector.Browse.Learning;
using Connector.Core.Browsing;
using Connector.Core.Operations;
using Connector.Tests.RealPayloads;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Browse.Learning;

[TestFixture]
public sealed class ProfileLearnerTests
{
    private static JObject Documented() => JObject.Parse("""
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Thing (GET output)",
          "type": "object",
          "properties": {
            "id": { "type": "string", "description": "The id." },
            "assignee": { "type": ["string", "null"], "description": "Who works on it." },
            "count": { "type": "integer" },
            "owner": { "$ref": "#/definitions/Owner" },
            "items": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" } } } },
            "tiers": { "type": "object", "additionalProperties": { "type": "object", "properties": { "id": { "type": "string" } } } }
          },
          "definitions": {
            "Owner": { "type": "object", "description": "The owner.", "properties": { "id": { "type": "string" } } }
          }
        }
        """);

    [Test]
    public void New_fields_are_added_marked_observed_and_documented_ones_keep_their_descriptions()
    {
        var sample = JObject.Parse("""
            {"id":"TH-1","assignee":null,"count":3,"extra":{"a":1,"b":["x"]},
             "owner":{"id":"OW-1","name":"Ann"},"items":[{"id":"IT-1","quantity":"10"}],"tiers":{"customer":{"id":"TA-1","name":"C"}}}
            """);

        var learned = new ProfileLearner().Learn(Documented(), [sample]);

        var properties = (JObject)learned.Schema["properties"]!;
        Assert.That((string?)properties["id"]!["description"], Is.EqualTo("The id."));
        Assert.That(properties["id"]!["x-observed"], Is.Null, "documented fields are not marked");
        Assert.That(properties["extra"]!["x-observed"]!.Value<bool>(), Is.True);
        Assert.That((string?)properties["extra"]!["properties"]!["b"]!["items"]!["type"], Is.EqualTo("string"));
        Assert.That((bool?)learned.Schema["definitions"]!["Owner"]!["properties"]!["name"]!["x-observed"], Is.True, "a reference is followed into its definition");
        Assert.That((string?)learned.Schema["definitions"]!["Owner"]!["description"], Is.EqualTo("The owner."));
        Assert.That((bool?)properties["items"]!["items"]!["properties"]!["quantity"]!["x-observed"], Is.True);
        Assert.That((bool?)properties["tiers"]!["additionalProperties"]!["properties"]!["name"]!["x-observed"], Is.True, "map values are described through additionalProperties");
        Assert.That(properties["tiers"]!["properties"], Is.Null, "map keys are not fields");
        Assert.That(learned.SampleCount, Is.EqualTo(1));
        Assert.That(learned.Additions, Does.Contain("extra: new field").And.Contain("owner.name: new field").And.Contain("tiers.*.name: new field"));
        AssertAccepts(learned, sample);
    }

    [Test]
    public void A_type_the_documentation_rejects_becomes_anyOf_of_the_documented_and_the_observed_form()
    {
        var samples = new[]
        {
            JObject.Parse("""{"assignee":{"id":"UR-1","name":"Bob"},"count":"12"}"""),
            JObject.Parse("""{"assignee":"UR-2","count":2.5}"""),
            JObject.Parse("""{"assignee":{"id":"UR-3","email":"x@example.com"},"count":7}"""),
        };

        var learned = new ProfileLearner().Learn(Documented(), samples);

        var assignee = (JObject)learned.Schema["properties"]!["assignee"]!;
        Assert.That((string?)assignee["description"], Is.EqualTo("Who works on it."), "the documented description stays on the field");
        var branches = (JArray)assignee["anyOf"]!;
        Assert.That(branches, Has.Count.EqualTo(2));
        Assert.That(branches[0]["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "string", "null" }), "the documented form comes first, unchanged");
        Assert.That((bool?)branches[1]["x-observed"], Is.True);
        Assert.That(branches[1]["properties"]!.Children<JProperty>().Select(p => p.Name), Is.EqualTo(new[] { "email", "id", "name" }));
        var count = (JArray)learned.Schema["properties"]!["count"]!["anyOf"]!;
        Assert.That(count[1]["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "string", "number" }), "one observed branch collects every other type");
        Assert.That(learned.Additions, Does.Contain("assignee: also object").And.Contain("count: also string"));
        foreach (var sample in samples)
        {
            AssertAccepts(learned, sample);
        }
    }

    [Test]
    public void The_result_is_the_same_text_whatever_the_order_of_the_samples()
    {
        var samples = new[]
        {
            JObject.Parse("""{"zeta":1,"assignee":{"id":"UR-1"},"items":[{"id":"a","b":true}]}"""),
            JObject.Parse("""{"alpha":"x","zeta":2.5,"assignee":5,"items":[{"c":null}]}"""),
            JObject.Parse("""{"middle":[],"zeta":"3","assignee":{"name":"N"}}"""),
        };
        var learner = new ProfileLearner();

        var forward = learner.Learn(Documented(), samples).ToJson();
        var backward = learner.Learn(Documented(), samples.Reverse()).ToJson();
        var again = learner.Learn(Documented(), samples).ToJson();

        Assert.That(backward, Is.EqualTo(forward));
        Assert.That(again, Is.EqualTo(forward));
        var names = JObject.Parse(forward)["properties"]!.Children<JProperty>().Select(p => p.Name).ToList();
        Assert.That(names, Is.EqualTo(new[] { "id", "assignee", "count", "owner", "items", "tiers", "alpha", "middle", "zeta" }), "documented first, then observed by name");
    }

    [Test]
    public void The_documented_profile_is_not_changed()
    {
        var documented = Documented();
        var before = documented.ToString(Formatting.None);

        new ProfileLearner().Learn(documented, [JObject.Parse("""{"assignee":{"id":"x"},"new":1}""")]);

        Assert.That(documented.ToString(Formatting.None), Is.EqualTo(before));
    }

    [TestCase("{\"id\":\"a\"}\n[1,2]\n", 2, "is not a JSON object (it is an array)")]
    [TestCase("{\"id\":\"a\"}\n\n  \n{not json\n", 4, "is not valid JSON")]
    [TestCase("\"text\"\n", 1, "is not a JSON object (it is a string)")]
    [TestCase("{\"id\":\"a\"} {\"id\":\"b\"}\n", 1, "is not valid JSON")]
    public async Task A_line_that_is_not_a_json_object_fails_naming_its_line(string ndjson, int line, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidSampleException>(() => new ProfileLearner().LearnFromNdjsonAsync(Documented(), new StringReader(ndjson)));

        Assert.That(error!.Number, Is.EqualTo(line));
        Assert.That(error.Sample, Is.EqualTo("line " + line));
        Assert.That(error.Message, Does.StartWith($"line {line} ").And.Contain(reason));
    }

    [Test]
    public async Task A_line_longer_than_the_limit_fails_without_reading_it_whole()
    {
        var ndjson = "{\"id\":\"a\"}\n{\"id\":\"" + new string('x', 500) + "\"}\n";

        var error = await Assert.ThrowsAsync<InvalidSampleException>(() => new ProfileLearner(maxLineLength: 100).LearnFromNdjsonAsync(Documented(), new StringReader(ndjson)));

        Assert.That(error!.Message, Does.StartWith("line 2 is longer than 100 characters"));
    }

    [Test]
    public async Task Ndjson_blank_lines_are_skipped_and_a_last_line_without_newline_counts()
    {
        var learned = await new ProfileLearner().LearnFromNdjsonAsync(Documented(), new StringReader("\n{\"a\":1}\r\n\n{\"b\":2}"));

        Assert.That(learned.SampleCount, Is.EqualTo(2));
        Assert.That(learned.Additions, Is.EqualTo(new[] { "a: new field", "b: new field" }));
    }

    [Test]
    public void A_sample_that_is_not_an_object_is_named_by_its_position()
    {
        var error = Assert.Throws<InvalidSampleException>(() => new ProfileLearner().Learn(Documented(), [JObject.Parse("{}"), new JArray()]));

        Assert.That(error!.Message, Does.StartWith("sample 2 is not a JSON object (it is an array)"));
    }

    [Test]
    public async Task Learning_the_request_profile_from_real_payloads_accepts_and_describes_every_one()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var definition = catalog.Browser.GetObjectDefinitions("request", OperationType.Get).Single(d => d.Role == ObjectDefinitionRole.Output);
        var samples = RealPayloadCorpus.Samples.Where(s => s.Payload.ObjectType == "fulfillment_request" && !s.Payload.IsRequestBody).Select(s => s.Value).ToList();

        var learned = new ProfileLearner().Learn(ProfileLearner.ProfileJson(definition), samples);
        var relearned = new ProfileLearner().Learn(learned.Schema, samples);

        Assert.That(samples, Has.Count.GreaterThan(20));
        foreach (var sample in samples)
        {
            AssertAccepts(learned, sample);
        }

        Assert.That(relearned.Additions, Is.Empty, "a learned profile already describes its samples");
        Assert.That(relearned.ToJson(), Is.EqualTo(learned.ToJson()));
        var asDefinition = await learned.ToDefinitionAsync(ObjectDefinitionRole.Output);
        Assert.That(asDefinition.ContentType, Is.EqualTo(DefinitionContentType.Json));
    }

    private static void AssertAccepts(LearnedProfile learned, JToken sample)
    {
        var schema = JsonSchema.FromJsonAsync(learned.Schema.ToString()).GetAwaiter().GetResult();
        var errors = schema.Validate(sample.ToString(Formatting.None));
        Assert.That(errors.Select(e => e.ToString()), Is.Empty, sample.ToString(Formatting.None));
    }
}
