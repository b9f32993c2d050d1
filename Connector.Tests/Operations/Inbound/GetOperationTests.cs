using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations.Inbound;
using NUnit.Framework;

namespace Connector.Tests.Operations.Inbound;

[TestFixture]
public sealed class GetOperationTests
{
    private static async Task<(DocumentResult Result, ScriptedTransport Transport)> RunAsync(ScriptedTransport transport, TrackedDocument document)
    {
        var context = await OperationTestContexts.CreateAsync("request", "GET");
        var collector = new ResultCollector();
        var response = new OperationResponse([document], collector);
        await new GetOperation(context, transport.Client()).ExecuteAsync(OperationRequest.ForDocuments([document]), response, CancellationToken.None);
        Assert.That(await response.CompleteAsync(), Is.Empty);
        return (collector.ToDocumentResults([document.TrackingId]).Single(), transport);
    }

    [Test]
    public async Task Reads_the_object_the_document_names()
    {
        var (result, transport) = await RunAsync(
            new ScriptedTransport(_ => ScriptedAnswer.Json(200, """{"id":"PR-1","status":"pending"}""")),
            TrackedDocument.FromText("d", """{"id":"PR-1","anything":"else"}"""));
        Assert.That((string?)result.SingleObject()["status"], Is.EqualTo("pending"));
        Assert.That(transport.Sent.Single().Path, Is.EqualTo("/requests/PR-1"));
    }

    [Test]
    public async Task An_object_that_does_not_exist_is_an_empty_success()
    {
        var (result, _) = await RunAsync(
            new ScriptedTransport(_ => ScriptedAnswer.Json(404, """{"error_code":"NTF_001","errors":["not found"]}""")),
            TrackedDocument.Empty("d", new Dictionary<string, string?> { ["objectId"] = "PR-404" }));
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success));
        Assert.That(result.StatusCode, Is.EqualTo("404"));
        Assert.That(result.Payloads, Is.Empty);
    }

    [Test]
    public async Task An_answer_that_breaks_mid_body_is_read_again()
    {
        var calls = 0;
        var (result, transport) = await RunAsync(
            new ScriptedTransport(_ => Interlocked.Increment(ref calls) == 1
                ? ScriptedAnswer.Json(200, """{"id":"PR-1","sta""")
                : ScriptedAnswer.Json(200, """{"id":"PR-1","status":"pending"}""")),
            TrackedDocument.Empty("d", new Dictionary<string, string?> { ["objectId"] = "PR-1" }));
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.Message);
        Assert.That((string?)result.SingleObject()["status"], Is.EqualTo("pending"));
        Assert.That(transport.Sent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_answer_that_never_reads_ends_in_failure_after_the_retries()
    {
        var (result, transport) = await RunAsync(
            new ScriptedTransport(_ => ScriptedAnswer.Json(200, """{"id":"PR-1","sta""")),
            TrackedDocument.Empty("d", new Dictionary<string, string?> { ["objectId"] = "PR-1" }));
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Failure));
        Assert.That(result.StatusCode, Is.EqualTo("UNREADABLE_RESPONSE"));
        Assert.That(transport.Sent, Has.Count.EqualTo(1 + ScriptedTransport.Settings.MaxRetries), "the first read and the client's retries (read once, from its settings)");
    }
}
