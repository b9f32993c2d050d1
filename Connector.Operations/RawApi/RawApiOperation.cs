using System.Globalization;
using System.Text.Json;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Operations.Documents;
using Connector.Operations.Execution;
using Connector.Operations.Http;
using Connector.Operations.Inbound;

namespace Connector.Operations.RawApi;

/// <summary>
/// Sends one raw request per input document (the document is the body; empty for none) through the connection's
/// <see cref="ConnectHttpClient"/>, and reports each JSON value of the answer as a partial result: each element of an
/// array answer, the answer itself otherwise, none for 204. With paging it follows the collection through
/// <see cref="CollectionPager"/> (the same guards and bounded memory as QUERY) and first reports the expected total.
/// Errors map through <see cref="ConnectOutcomes.FromException"/>, as for every operation; a dry run reports the request.
/// </summary>
internal sealed class RawApiOperation(ConnectHttpClient client, RawApiTarget target) : IOperation
{
    public async Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken)
    {
        foreach (var document in request.Documents)
        {
            await SendAsync(document, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(TrackedDocument document, OperationResponse response, CancellationToken cancellationToken)
    {
        var pager = new CollectionPager(client);
        long emitted = 0;
        try
        {
            var body = await ReadBodyAsync(document, cancellationToken).ConfigureAwait(false);
            string message;
            if (target.Paged)
            {
                var pages = await pager.PageThroughAsync(
                    target.Path,
                    target.Query,
                    target.PageSize,
                    0,
                    target.StartOffset,
                    (record, ct) => response.AddPartialResultAsync(document, Payload.PooledCopyOfJson(record.Span), ct),
                    (total, ct) => response.ReportExpectedRecordsAsync(document, total, ct),
                    cancellationToken).ConfigureAwait(false);
                message = Records(pager.Emitted) + " in " + pages.ToString(CultureInfo.InvariantCulture) + (pages == 1 ? " page" : " pages");
                await response.FinishPartialResultAsync(document, OperationStatus.Success, "200", message, cancellationToken).ConfigureAwait(false);
                return;
            }

            var request = new ConnectRequest(target.Method, target.Path, target.Query, body is null ? null : ConnectRequestBody.Json(body));
            var (status, values) = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var value in values)
            {
                await response.AddPartialResultAsync(document, Payload.FromJsonBytes(value), cancellationToken).ConfigureAwait(false);
                emitted++;
            }

            message = status == 204 ? "OK (no content)" : Records(emitted);
            await response.FinishPartialResultAsync(document, OperationStatus.Success, status.ToString(CultureInfo.InvariantCulture), message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await response.FinishPartialResultAsync(document, OperationStatus.Failure, OperationResponse.CancelledCode, "cancelled", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var outcome = ConnectOutcomes.FromException(ex);
            var delivered = emitted + pager.Emitted;
            var message = delivered > 0 && outcome.Status != OperationStatus.Success ? $"{outcome.Message} ({Records(delivered)} emitted before the failure)" : outcome.Message;
            await response.AddResultAsync(document, delivered > 0 && outcome.Status != OperationStatus.Success ? OperationStatus.Failure : outcome.Status, outcome.Code, message, outcome.Payloads, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the request and reads its whole answer (bounded by the connection's answer limits): an idempotent request
    /// whose answer broke mid-body is sent again, a POST never is. Returns the status and the answer's JSON values.
    /// </summary>
    private async Task<(int Status, IReadOnlyList<ReadOnlyMemory<byte>> Values)> SendOnceAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await BrokenBodyRetry.RetryAsync(
                request.Idempotent ? client.Settings.MaxRetries : 0,
                async () =>
                {
                    await using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    if (answer.StatusCode == 204)
                    {
                        return (answer.StatusCode, (IReadOnlyList<ReadOnlyMemory<byte>>)[]);
                    }

                    var bytes = await JsonBody.ReadAsync(answer.Body, cancellationToken).ConfigureAwait(false);
                    return (answer.StatusCode, await ValuesAsync(bytes, cancellationToken).ConfigureAwait(false));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw BrokenBodyRetry.For(request, ex);
        }
    }

    /// <summary>An array answer's elements, or the answer itself.</summary>
    private static async Task<IReadOnlyList<ReadOnlyMemory<byte>>> ValuesAsync(byte[] answer, CancellationToken cancellationToken)
    {
        var first = new Utf8JsonReader(answer);
        if (!first.Read() || first.TokenType != JsonTokenType.StartArray)
        {
            return [answer];
        }

        var elements = new List<ReadOnlyMemory<byte>>();
        using var stream = new MemoryStream(answer, writable: false);
        await foreach (var element in JsonArraySplitter.SplitAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            elements.Add(element);
        }

        return elements;
    }

    /// <summary>The body: null for an empty document; else its bytes, which must be one JSON value (bounded in size).</summary>
    private static async Task<byte[]?> ReadBodyAsync(TrackedDocument document, CancellationToken cancellationToken)
    {
        var bytes = await InputDocumentReader.ReadJsonBytesAsync(document, cancellationToken).ConfigureAwait(false);
        return bytes.Length == 0 ? null : bytes;
    }

    private static string Records(long n) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " record" : " records");
}
