using System.Text;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations.Connection;
using NUnit.Framework;

namespace Connector.Tests.Reliability;

/// <summary>
/// Bad input is answered with a clear error naming what and where, and the rest of the batch is unaffected: malformed
/// and non-object documents, a 10 MB document, values of the wrong type, missing and path-changing ids, unknown
/// filter fields and operators, unknown object types and actions, broken descriptors, invalid connection settings.
/// </summary>
[TestFixture]
[Category("Reliability")]
public sealed class BadInputTests : ReliabilityFixtureBase
{
    private string _product = string.Empty;

    [OneTimeSetUp]
    public void PickProduct() => _product = (string)Sandbox.Store.Query("products", "limit=1")[0]["id"]!;

    private string GoodCase(string subject) =>
        $$$"""{"subject":"{{{subject}}}","description":"It broke","priority":2,"type":"technical","product":{"id":"{{{_product}}}"}}""";

    public static IEnumerable<TestCaseData> BadDocuments()
    {
        yield return new TestCaseData("""{"subject":"x",""", "is not valid JSON").SetName("malformed JSON");
        yield return new TestCaseData("""{"subject":"x"} trailing""", "is not valid JSON").SetName("content after the JSON value");
        yield return new TestCaseData("[1,2,3]", "must be a JSON object, not an array").SetName("an array");
        yield return new TestCaseData("\"just text\"", "must be a JSON object, not a string").SetName("a string");
        yield return new TestCaseData("42", "must be a JSON object, not a number").SetName("a number");
        yield return new TestCaseData("null", "must be a JSON object, not null").SetName("null");
        yield return new TestCaseData("{" + new string(' ', 10 * 1024 * 1024) + "}", "larger than 4 MB").SetName("a 10 MB document");
        // The official document types priority as string-or-number, so the client sends it and the server's 400 names the field.
        yield return new TestCaseData("""{"subject":"x","description":"d","priority":"urgent","type":"technical"}""", "priority").SetName("a value the server refuses");
        yield return new TestCaseData("""{"subject":["not","text"],"description":"d","priority":1,"type":"technical"}""", "subject").SetName("an array where text is expected");
    }

    [TestCaseSource(nameof(BadDocuments))]
    public async Task A_bad_document_is_refused_clearly_and_its_neighbours_succeed(string bad, string expected)
    {
        ReliabilityTally.BadInput();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var documents = new[] { Tester.Document(GoodCase("good-a-" + marker)), Tester.Document(bad), Tester.Document(GoodCase("good-b-" + marker)) };
        Sandbox.RequestLog.Clear();
        var results = await Tester.ExecuteAsync("case", "CREATE", documents);
        AssertOneResultEach(results, 3);
        Assert.Multiple(() =>
        {
            Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Success), results[0].ToString());
            Assert.That(results[2].Status, Is.EqualTo(OperationStatus.Success), results[2].ToString());
            Assert.That(results[1].Status, Is.EqualTo(OperationStatus.ApplicationError), results[1].ToString());
            var refusedLocally = results[1].StatusCode != "400";
            Assert.That(results[1].Message, Does.Contain(expected), "names what is wrong");
            if (refusedLocally)
            {
                Assert.That(results[1].Message, Does.Contain(documents[1].TrackingId), "names the document");
                Assert.That(Sandbox.RequestLog.Entries.Count(e => e.Method == "POST"), Is.EqualTo(2), "nothing was sent for the bad document");
            }
        });
    }

    public static IEnumerable<TestCaseData> BadIds()
    {
        yield return new TestCaseData("../x", "'/'").SetName("id ../x");
        yield return new TestCaseData("a/b", "'/'").SetName("id a/b");
        yield return new TestCaseData("?x=1", "'?'").SetName("id ?x=1");
        yield return new TestCaseData("%2F", "'%'").SetName("id %2F");
        yield return new TestCaseData("..", "change the path").SetName("id ..");
        yield return new TestCaseData("a#b", "'#'").SetName("id a#b");
        yield return new TestCaseData(" PR-1", "spaces").SetName("id with a leading space");
        yield return new TestCaseData("PR\n1", "control character").SetName("id with a newline");
        yield return new TestCaseData(string.Empty, "has no request id").SetName("empty id");
        yield return new TestCaseData(null, "has no request id").SetName("missing id");
    }

    [TestCaseSource(nameof(BadIds))]
    public async Task An_id_that_could_change_the_path_is_refused_and_never_sent(string? id, string expected)
    {
        ReliabilityTally.BadInput();
        var good = Sandbox.Store.Query("requests", "limit=2").Select(r => (string)r["id"]!).ToList();
        var badDocument = id is null ? Tester.Document("{}") : Tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = id });
        var documents = new[] { Tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = good[0] }), badDocument, Tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = good[1] }) };
        Sandbox.RequestLog.Clear();
        var results = await Tester.ExecuteAsync("request", "GET", documents);
        AssertOneResultEach(results, 3);
        Assert.Multiple(() =>
        {
            Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Success), results[0].ToString());
            Assert.That(results[2].Status, Is.EqualTo(OperationStatus.Success), results[2].ToString());
            Assert.That(results[1].Status, Is.EqualTo(OperationStatus.ApplicationError), results[1].ToString());
            Assert.That(results[1].Message, Does.Contain(expected).And.Contain(badDocument.TrackingId));
            Assert.That(Sandbox.RequestLog.Entries.Select(e => e.Path), Is.EquivalentTo(good.Select(g => "/public/v1/requests/" + g)), "only the good ids were requested");
        });
    }

    [Test]
    public async Task Ids_in_the_document_body_are_checked_too()
    {
        ReliabilityTally.BadInput();
        Sandbox.RequestLog.Clear();
        var results = await Tester.ExecuteAsync("tier_account", "UPDATE", [Tester.Document("""{"id":"../../requests","name":"x"}""")]);
        AssertOneResultEach(results, 1);
        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.ApplicationError));
        Assert.That(results[0].Message, Does.Contain("../../requests").And.Contain("refused"));
        Assert.That(Sandbox.RequestLog.Entries, Is.Empty);
    }

    public static IEnumerable<TestCaseData> BadFilters()
    {
        yield return new TestCaseData(ComparisonExpression.Of("colour", "eq", "red"), "colour").SetName("unknown field");
        yield return new TestCaseData(ComparisonExpression.Of("statuz", "eq", "pending"), "statuz").SetName("misspelt field");
        yield return new TestCaseData(ComparisonExpression.Of("status", "between", "a"), "between").SetName("unknown operator");
        yield return new TestCaseData(ComparisonExpression.Of("created", "like", "2024*"), "created").SetName("operator the field does not document");
        yield return new TestCaseData(new ComparisonExpression("status", "eq", ["a", "b"]), "status").SetName("too many values");
        yield return new TestCaseData(new ComparisonExpression("status", "in", []), "status").SetName("empty list");
        yield return new TestCaseData(new GroupExpression(GroupOperator.And, []), "no operands").SetName("empty group");
        yield return new TestCaseData(ComparisonExpression.Of("status", "eq", "it's \"x\""), "both a double quote").SetName("value with both quote kinds");
        yield return new TestCaseData(ComparisonExpression.Of("status) | eq(id", "eq", "x"), "status) | eq(id").SetName("field name carrying RQL");
    }

    [TestCaseSource(nameof(BadFilters))]
    public async Task A_bad_filter_is_refused_naming_it_and_nothing_is_sent(FilterExpression expression, string expected)
    {
        ReliabilityTally.BadInput();
        Sandbox.RequestLog.Clear();
        var result = await Tester.QueryAsync("request", QueryFilter.Where(expression));
        AssertOneResultEach([result], 1);
        Assert.That(result.Status, Is.EqualTo(OperationStatus.ApplicationError), result.ToString());
        Assert.That(result.Message, Does.Contain(expected));
        Assert.That(Sandbox.RequestLog.Entries, Is.Empty, "an invalid filter never reaches the server (unknown fields would silently match everything)");
    }

    [TestCase("asset", "FROBNICATE", "no operation or action 'FROBNICATE'")]
    [TestCase("asset", "CREATE", "no operation or action 'CREATE'")]
    [TestCase("spaceship", "GET", "Unknown object type 'spaceship'")]
    [TestCase("", "GET", "Unknown object type ''")]
    public void An_unknown_object_type_or_action_is_refused_listing_the_valid_ones(string objectType, string operation, string expected)
    {
        ReliabilityTally.BadInput();
        var ex = Assert.Throws<UnknownOperationException>(() => Tester.Context(objectType, operation));
        Assert.That(ex!.Message, Does.Contain(expected).And.Contain("Valid"));
    }

    [TestCase("{\"id\":")]
    [TestCase("")]
    [TestCase("[]")]
    public async Task A_broken_descriptor_file_is_refused_naming_the_file(string content)
    {
        ReliabilityTally.BadInput();
        var path = Path.Combine(Path.GetTempPath(), "broken-descriptor-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, content, Encoding.UTF8);
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidDescriptorException>(() => DescriptorLoader.LoadAsync(path, CancellationToken.None));
            Assert.That(ex!.Message, Does.Contain(Path.GetFileName(path)).Or.Contain("$"), ex.Message);
            Assert.That(ex.Problems, Is.Not.Empty);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_missing_descriptor_file_is_refused_naming_it()
    {
        ReliabilityTally.BadInput();
        var path = Path.Combine(Path.GetTempPath(), "no-such-descriptor-" + Guid.NewGuid().ToString("N") + ".json");
        var ex = await Assert.CatchAsync<Exception>(() => DescriptorLoader.LoadAsync(path, CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain(Path.GetFileName(path)));
    }

    public static IEnumerable<TestCaseData> BadSettings()
    {
        yield return new TestCaseData(ConnectionFieldIds.Url, "not a url", ConnectionFieldIds.Url, "not an absolute URL").SetName("URL that is not a URL");
        yield return new TestCaseData(ConnectionFieldIds.Url, "ftp://example.com/public/v1", ConnectionFieldIds.Url, "http or https").SetName("ftp URL");
        yield return new TestCaseData(ConnectionFieldIds.Url, "http://api.example.com/public/v1", ConnectionFieldIds.Url, "plain http").SetName("http to a remote host");
        yield return new TestCaseData(ConnectionFieldIds.Url, "https://user:pw@api.example.com/public/v1", ConnectionFieldIds.Url, "user information").SetName("URL with credentials");
        yield return new TestCaseData(ConnectionFieldIds.ApiKey, null, ConnectionFieldIds.ApiKey, "apiKey").SetName("missing key");
        yield return new TestCaseData(ConnectionFieldIds.ApiKey, "ApiKey ", ConnectionFieldIds.ApiKey, "required").SetName("key that is only the prefix");
        yield return new TestCaseData(ConnectionFieldIds.ApiKey, "SU-1:abc\r\nX-Evil: 1", ConnectionFieldIds.ApiKey, "control").SetName("key with a header injection");
        yield return new TestCaseData(ConnectionFieldIds.MaxRetries, "99", ConnectionFieldIds.MaxRetries, "maxRetries").SetName("too many retries");
        yield return new TestCaseData(ConnectionFieldIds.MaxRetries, "-1", ConnectionFieldIds.MaxRetries, "maxRetries").SetName("negative retries");
        yield return new TestCaseData(ConnectionFieldIds.MaxRetries, "three", ConnectionFieldIds.MaxRetries, "maxRetries").SetName("retries not a number");
        yield return new TestCaseData(ConnectionFieldIds.RequestTimeoutSeconds, "0", ConnectionFieldIds.RequestTimeoutSeconds, "requestTimeoutSeconds").SetName("zero timeout");
    }

    [TestCaseSource(nameof(BadSettings))]
    public void An_invalid_connection_setting_is_refused_naming_the_field(string field, string? value, string expectedField, string expectedText)
    {
        ReliabilityTally.BadInput();
        var properties = ConnectionProperties(SecretsTests.CanaryKey);
        properties[field] = value;
        var context = OperationContext.Create(Descriptor, "request", "GET", properties);
        var ex = Assert.Throws<InvalidPropertyException>(() => Connector.CreateOperation(context));
        Assert.That(ex!.PropertyId, Is.EqualTo(expectedField));
        Assert.That(ex.Message, Does.Contain(expectedText));
        Assert.That(ex.Message, Does.Not.Contain("Canary-5ecret"), "the key never appears in the error");
    }

    [Test]
    public void Http_to_a_remote_host_is_accepted_only_when_explicitly_allowed()
    {
        var properties = ConnectionProperties(SecretsTests.CanaryKey);
        properties[ConnectionFieldIds.Url] = "http://api.example.com/public/v1";
        properties[ConnectionFieldIds.AllowInsecureHttp] = "true";
        var context = OperationContext.Create(Descriptor, "request", "GET", properties);
        Assert.That(() => Connector.CreateOperation(context), Throws.Nothing);
    }
}
