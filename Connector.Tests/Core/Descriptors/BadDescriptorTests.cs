using System.Text;
using Connector.Core.Descriptors;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Core.Descriptors;

/// <summary>A corpus of bad descriptors, each made by breaking the shipped one in one place; each must be refused naming the right JSON path.</summary>
[TestFixture]
public sealed class BadDescriptorTests
{
    private static readonly Lazy<JObject> Shipped = new(() => JObject.Parse(File.ReadAllText(TestPaths.Descriptor)));

    public static IEnumerable<TestCaseData> Corpus()
    {
        yield return Case("missing required property", d => d.Remove("objectTypes"), "$", "objectTypes");
        yield return Case("unknown property", d => d["colour"] = "blue", "$.colour", "not a known property");
        yield return Case("duplicate object type id", d => ((JArray)d["objectTypes"]!).Add(d["objectTypes"]![0]!.DeepClone()), "$.objectTypes[21].id", "more than once");
        yield return Case("duplicate connection field id", d => ((JArray)d["connectionFields"]!).Add(d["connectionFields"]![0]!.DeepClone()), "$.connectionFields[", "'url' is declared more than once");
        yield return Case("duplicate operation", d => Ops(d, 0).Add(Ops(d, 0)[0].DeepClone()), "$.objectTypes[0].operations[2]", "declared twice");
        yield return Case("path parameter nobody supplies", d => ((JObject)Ops(d, 0)[0]["pathParameters"]!).Remove("id"), "$.objectTypes[0].operations[0].path", "{id} is not supplied");
        yield return Case("parameter name that is not a name", d => Ops(d, 0)[0]["path"] = "/assets/{id}/{1x}", "$.objectTypes[0].operations[0].path", "malformed {parameter}");
        yield return Case("unclosed parameter", d => Ops(d, 0)[0]["path"] = "/assets/{id", "$.objectTypes[0].operations[0].path", "malformed {parameter}");
        yield return Case("doubled brace", d => Ops(d, 0)[0]["path"] = "/assets/{{id}", "$.objectTypes[0].operations[0].path", "malformed {parameter}");
        yield return Case("path parameter not in template", d => Ops(d, 0)[1]["pathParameters"] = new JObject { ["id"] = "objectId" }, "$.objectTypes[0].operations[1].pathParameters.id", "no {id} parameter");
        yield return Case("supplier field not among the operation's fields", d => Ops(d, 0)[0]["fields"] = new JArray(), "$.objectTypes[0].operations[0].pathParameters.id", "not among the operation's fields");
        yield return Case("undeclared operation field", d => ((JArray)Ops(d, 0)[1]["fields"]!).Add("colour"), "$.objectTypes[0].operations[1].fields[3]", "not declared in operationFields");
        yield return Case("action whose operation type is not declared", d => d["operationTypes"] = new JArray("GET", "QUERY", "CREATE", "UPDATE", "DELETE"), "$.objectTypes[1].operations[5].type", "not among the descriptor's operationTypes");
        yield return Case("undeclared custom action", d => Ops(d, 1)[5]["action"] = "LAUNCH", "$.objectTypes[1].operations[5].action", "LAUNCH is not declared");
        yield return Case("EXECUTE without an action", d => ((JObject)Ops(d, 1)[5]).Remove("action"), "$.objectTypes[1].operations[5]", "needs an 'action'");
        yield return Case("action on a non-EXECUTE operation", d => Ops(d, 0)[0]["action"] = "APPROVE", "$.objectTypes[0].operations[0].action", "only EXECUTE");
        yield return Case("query operator used but not declared", d => Ops(d, 0)[1]["operators"] = new JArray("eq", "between"), "$.objectTypes[0].operations[1].operators[1]", "'between' is used but not declared");
        yield return Case("unknown parent", d => d["objectTypes"]![3]!["parent"] = "account", "$.objectTypes[3].parent", "'account' is not declared");
        yield return Case("parent id without a parent", d => ((JObject)d["objectTypes"]![3]!).Remove("parent"), "$.objectTypes[3].operations[0].pathParameters.account_id", "declares no parent");
        yield return Case("multipart without a file part", d => ((JObject)FindOp(d, "usage_report", "UPLOAD")["request"]!).Remove("filePart"), "request", "needs a 'filePart'");
        yield return Case("query that is not a list", d => Ops(d, 0)[1]["response"]!["list"] = false, "$.objectTypes[0].operations[1].response.list", "answers a list");
        yield return Case("bad HTTP method", d => Ops(d, 0)[0]["method"] = "FETCH", "$.objectTypes[0].operations[0].method", "allowed values");
        yield return Case("bad operation type", d => Ops(d, 0)[0]["type"] = "UPSERTISH", "$.objectTypes[0].operations[0].type", "allowed values");
        yield return Case("default outside the range", d => d["operationFields"]![2]!["default"] = 5000, "$.operationFields[2].default", "outside");
        yield return Case("default of the wrong type", d => d["connectionFields"]![2]!["default"] = "sixty", "$.connectionFields[2].default", "must be a integer");
        yield return Case("minimum above maximum", d => d["operationFields"]![2]!["minimum"] = 2000, "$.operationFields[2].minimum", "greater than maximum");
        yield return Case("re-read of a JSON answer", d => Ops(d, 0)[0]["response"]!["reread"] = true, "$.objectTypes[0].operations[0].response.reread", "only an empty answer");
        yield return Case("object type id in the wrong case", d => d["objectTypes"]![0]!["id"] = "Asset", "$.objectTypes[0].id", "required form");
    }

    [TestCaseSource(nameof(Corpus))]
    public async Task A_bad_descriptor_is_refused_naming_the_path(Action<JObject> breakIt, string expectedPath, string expectedText)
    {
        var broken = (JObject)Shipped.Value.DeepClone();
        breakIt(broken);
        var ex = await Assert.ThrowsAsync<InvalidDescriptorException>(() => LoadAsync(broken));
        Assert.That(ex!.Problems, Is.Not.Empty);
        Assert.That(
            ex.Problems.Any(p => p.Path.Contains(expectedPath, StringComparison.Ordinal) && p.ToString().Contains(expectedText, StringComparison.Ordinal)),
            Is.True,
            "expected a problem at " + expectedPath + " saying '" + expectedText + "', got:" + Environment.NewLine + ex.Message);
        Assert.That(ex.Message, Does.Contain(expectedPath));
    }

    [Test]
    public async Task Every_problem_is_listed_not_only_the_first()
    {
        var broken = (JObject)Shipped.Value.DeepClone();
        Ops(broken, 0)[0]["method"] = "FETCH";
        Ops(broken, 1)[5]["action"] = "LAUNCH";
        ((JArray)Ops(broken, 0)[1]["fields"]!).Add("colour");
        var ex = await Assert.ThrowsAsync<InvalidDescriptorException>(() => LoadAsync(broken));
        Assert.That(ex!.Problems, Has.Count.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Malformed_JSON_is_refused_with_its_position()
    {
        var ex = await Assert.ThrowsAsync<InvalidDescriptorException>(async () =>
        {
            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"id\": \"x\", \"label\": }"));
            await DescriptorLoader.LoadAsync(stream, "broken.json", null, CancellationToken.None);
        });
        Assert.That(ex!.Message, Does.Contain("broken.json").And.Contain("not valid JSON"));
    }

    [Test]
    public async Task A_missing_derived_OpenAPI_file_is_refused()
    {
        var broken = (JObject)Shipped.Value.DeepClone();
        broken["openApi"] = "openapi/nope.json";
        var ex = await Assert.ThrowsAsync<InvalidDescriptorException>(() => LoadAsync(broken));
        Assert.That(ex!.Problems.Single().Path, Is.EqualTo("$.openApi"));
    }

    private static TestCaseData Case(string name, Action<JObject> breakIt, string path, string text) =>
        new TestCaseData(breakIt, path, text).SetName("Refused: " + name);

    private static JArray Ops(JObject d, int objectType) => (JArray)d["objectTypes"]![objectType]!["operations"]!;

    private static JObject FindOp(JObject d, string objectType, string action) =>
        d["objectTypes"]!.Cast<JObject>().Single(o => (string?)o["id"] == objectType)["operations"]!.Cast<JObject>().Single(o => (string?)o["action"] == action);

    private static async Task LoadAsync(JObject descriptor)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(descriptor.ToString()));
        await DescriptorLoader.LoadAsync(stream, "test-descriptor", TestPaths.DescriptorDirectory, CancellationToken.None);
    }
}
