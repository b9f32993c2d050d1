using System.Globalization;
using System.Text;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Operations.Documents;
using Connector.Operations.Execution;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Connector.Operations.Querying;
using Connector.Operations.Requests;

namespace Connector.Operations.Inbound;

/// <summary>
/// QUERY: checks the filter against the descriptor and the endpoint's documented filters, turns it into RQL, then
/// pages through the collection (limit/offset, following Content-Range) and emits one partial result per record,
/// streamed page by page in constant memory. Ends with SUCCESS, or with the error and how many records were emitted.
/// Count-only mode asks <c>limit=0</c> and returns <c>{"count": N}</c>.
/// </summary>
internal sealed class SearchOperation(OperationContext context, ConnectHttpClient client, ApiEndpoint? endpoint) : IOperation
{
    public async Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken)
    {
        foreach (var document in request.Documents)
        {
            await SearchAsync(document, request.Filter ?? QueryFilter.All, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SearchAsync(Core.Documents.TrackedDocument document, QueryFilter filter, OperationResponse response, CancellationToken cancellationToken)
    {
        var progress = new SearchProgress();
        try
        {
            var properties = context.OperationProperties.With(document.DynamicProperties);
            var pageSize = properties.GetInt32(OperationFieldIds.PageSize);
            var maxResults = properties.GetInt64(OperationFieldIds.MaxResults);
            var countOnly = properties.GetBoolean(OperationFieldIds.CountOnly);
            var problems = QueryFilterValidator.Validate(filter, context.Descriptor, context.Operation).ToList();
            if (endpoint is not null)
            {
                problems.AddRange(QueryFieldValidator.Validate(filter, endpoint));
            }

            if (problems.Count > 0)
            {
                throw new DocumentInputException("INVALID_FILTER", "the query filter is invalid: " + string.Join("; ", problems));
            }

            var json = await InputDocumentReader.ReadObjectAsync(document, cancellationToken).ConfigureAwait(false);
            var path = ObjectIdResolver.BuildPath(context, document, json);
            string rql;
            try
            {
                rql = RqlQueryBuilder.Build(filter);
            }
            catch (InvalidQueryFilterException ex)
            {
                // A filter RQL cannot express (a value with both quote kinds...) is the user's input error, like the checks above.
                throw new DocumentInputException("INVALID_FILTER", "the query filter is invalid: " + string.Join("; ", ex.Problems));
            }

            if (countOnly)
            {
                var total = await CountAsync(path, rql, cancellationToken).ConfigureAwait(false);
                await response.AddPartialResultAsync(document, Payload.FromJsonBytes(Encoding.UTF8.GetBytes("{\"count\":" + total.ToString(CultureInfo.InvariantCulture) + "}")), cancellationToken).ConfigureAwait(false);
                await response.FinishPartialResultAsync(document, OperationStatus.Success, "200", $"{total} matching records", cancellationToken).ConfigureAwait(false);
                return;
            }

            long offset = 0;
            var pages = 0;
            while (true)
            {
                var limit = maxResults > 0 ? (int)Math.Min(pageSize, maxResults - progress.Emitted) : pageSize;
                var query = RqlQueryBuilder.AppendPage(rql, limit, checked((int)offset));
                var (inPage, contentRange) = await ReadPageAsync(document, path, query, limit, progress, response, FieldSelection.From(filter.SelectedFields), cancellationToken).ConfigureAwait(false);
                pages++;
                if ((maxResults > 0 && progress.Emitted >= maxResults) || inPage == 0)
                {
                    break;
                }

                // Trust Content-Range only when it agrees with what arrived; otherwise fall back to "a short page is the last".
                var range = ContentRange.Parse(contentRange);
                if (range is not null && range.First == offset && range.Last == offset + inPage - 1)
                {
                    if (range.IsLastPage)
                    {
                        break;
                    }
                }
                else if (inPage < limit)
                {
                    break;
                }

                offset += inPage;
            }

            await response.FinishPartialResultAsync(
                document,
                OperationStatus.Success,
                "200",
                $"{progress.Emitted} record{(progress.Emitted == 1 ? string.Empty : "s")} in {pages} page{(pages == 1 ? string.Empty : "s")}",
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await response.FinishPartialResultAsync(
                document,
                OperationStatus.Failure,
                OperationResponse.CancelledCode,
                $"cancelled after {progress.Emitted} records were emitted",
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (DryRunInterceptedException dryRun)
        {
            // A dry run stops at the first page (or count) request; nothing was emitted before it.
            await response.AddResultAsync(document, OperationStatus.Success, DryRunInterceptedException.Code, dryRun.Message, [dryRun.ToPayload()], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var outcome = ConnectOutcomes.FromException(ex);
            var emitted = progress.Emitted;
            var status = emitted > 0 ? OperationStatus.Failure : outcome.Status;
            var message = emitted > 0 || outcome.Status == OperationStatus.Failure
                ? $"{outcome.Message} ({emitted} record{(emitted == 1 ? string.Empty : "s")} were emitted before the failure)"
                : outcome.Message;
            await response.FinishPartialResultAsync(document, status, outcome.Code, message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads one page and emits its records. A body that breaks while it is read (connection reset, truncated JSON)
    /// is read again (a GET is idempotent), up to the connection's retry limit, skipping the records of this page
    /// already emitted, so each record is delivered once.
    /// </summary>
    private async Task<(int Records, string? ContentRange)> ReadPageAsync(
        Core.Documents.TrackedDocument document,
        string path,
        string query,
        int limit,
        SearchProgress progress,
        OperationResponse response,
        FieldSelection? selection,
        CancellationToken cancellationToken)
    {
        var delivered = 0;
        return await BrokenAnswer.RetryAsync(
            client.Settings.MaxRetries,
            async () =>
            {
                await using var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, path, query), cancellationToken).ConfigureAwait(false);
                var position = 0;
                await foreach (var record in JsonArraySplitter.SplitAsync(answer.Body, cancellationToken).ConfigureAwait(false))
                {
                    if (position++ < delivered)
                    {
                        continue;
                    }

                    if (delivered >= limit)
                    {
                        break;
                    }

                    // The selection is applied here too: Connect's select() only adds or removes some fields.
                    await response.AddPartialResultAsync(document, Payload.FromJsonBytes(selection is null ? record : selection.Apply(record)), cancellationToken).ConfigureAwait(false);
                    delivered++;
                    progress.Emitted++;
                }

                return (delivered, answer.ContentRange);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> CountAsync(string path, string rql, CancellationToken cancellationToken)
    {
        await using var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, path, RqlQueryBuilder.AppendPage(rql, 0, 0)), cancellationToken).ConfigureAwait(false);
        var range = ContentRange.Parse(answer.ContentRange)
            ?? throw new ConnectResponseFormatException($"the answer to a count has no valid Content-Range header (got '{answer.ContentRange ?? "nothing"}')");
        return range.Total;
    }

    /// <summary>How many records a search has emitted so far (kept across pages and page re-reads).</summary>
    private sealed class SearchProgress
    {
        public long Emitted { get; set; }
    }
}
