using Connector.Operations.Requests;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Operations.Requests;

/// <summary>Projection copies only when it has something to leave out; a document written for the action is used as it is.</summary>
[TestFixture]
public sealed class InputProfileProjectionTests
{
    private const string Schema = """
        {"type":"object","properties":{
          "id":{"type":"string"},
          "asset":{"type":"object","properties":{"id":{"type":"string"}}},
          "params":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"value":{"type":"string"}}}},
          "free":{"type":"object"}}}
        """;

    [TestCase("""{"id":"PR-1"}""")]
    [TestCase("""{"id":"PR-1","asset":{"id":"AS-1"},"params":[{"id":"p","value":"v"}]}""")]
    [TestCase("""{"free":{"anything":{"goes":[1,2]}}}""")]
    public async Task A_document_that_fits_is_returned_itself(string json)
    {
        var profile = new InputProfile(await JsonSchema.FromJsonAsync(Schema), "test");
        var document = JObject.Parse(json);
        var leftOut = new HashSet<string>();

        var projected = profile.Project(document, leftOut);

        Assert.That(projected, Is.SameAs(document));
        Assert.That(leftOut, Is.Empty);
    }

    [TestCase("""{"id":"PR-1","status":"pending"}""", "status", "status")]
    [TestCase("""{"id":"PR-1","asset":{"id":"AS-1","product":{"id":"PRD-1"}}}""", "asset.product", "product")]
    [TestCase("""{"params":[{"id":"p","value":"v"},{"id":"q","value_error":"x"}]}""", "params[].value_error", "value_error")]
    public async Task A_document_with_more_is_copied_without_it_and_left_unchanged(string json, string dropped, string droppedName)
    {
        var profile = new InputProfile(await JsonSchema.FromJsonAsync(Schema), "test");
        var document = JObject.Parse(json);
        var leftOut = new HashSet<string>();

        var projected = profile.Project(document, leftOut);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(projected, Is.Not.SameAs(document));
            Assert.That(leftOut, Is.EqualTo(new[] { dropped }));
            Assert.That(JToken.DeepEquals(document, JObject.Parse(json)), Is.True, "the caller's document is not changed");
            Assert.That(projected.ToString(), Does.Not.Contain(droppedName));
        }
    }
}
