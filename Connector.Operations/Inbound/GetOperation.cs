using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Execution;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Operations.Connection;
using Connector.Operations.Documents;
using Connector.Operations.Execution;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Connector.Operations.Requests;

namespace Connector.Operations.Inbound;

/// <summary>
/// GET: reads one object per input document. The id comes from the document (dynamic property objectId, or its
/// id field); child types also need the parent id. An object that does not exist (404) is an EMPTY SUCCESS.
/// </summary>
internal sealed class GetOperation(OperationContext context, ConnectHttpClient client) : IOperation
{
    public async Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken)
    {
        var runner = new OrderedDocumentRunner(response, request.Documents, ConnectOutcomes.FromException);
        var parallelism = context.OperationProperties.GetInt32(OperationFieldIds.Parallelism);
        await runner.RunEachAsync(
            parallelism,
            async (document, ct) =>
            {
                var json = await InputDocumentReader.ReadObjectAsync(document, ct).ConfigureAwait(false);
                var path = ObjectIdResolver.BuildPath(context, document, json);
                return await ReadAsync(client, path, client.Settings.MaxRetries, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one object; 404 is an empty success. A body that breaks while it is read (connection reset, truncated
    /// JSON) is read again, up to <paramref name="bodyRetries"/> times: a GET is idempotent.
    /// </summary>
    internal static Task<DocumentOutcome> ReadAsync(ConnectHttpClient client, string path, int bodyRetries, CancellationToken cancellationToken) =>
        BrokenBodyRetry.RetryAsync(
            bodyRetries,
            async () =>
            {
                try
                {
                    await using var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
                    var bytes = await JsonBody.ReadAsync(answer.Body, cancellationToken).ConfigureAwait(false);
                    return DocumentOutcome.Success(answer.StatusCode, Payload.FromJsonBytes(bytes));
                }
                catch (ConnectNotFoundException)
                {
                    return DocumentOutcome.Success(404, null, "not found: the object does not exist (empty result)");
                }
            },
            cancellationToken);
}
