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
/// pages through the collection (limit/offset, following Content-Range, kept honest by <see cref="PagingGuard"/>) and
/// emits one partial result per record, streamed page by page in constant memory. Ends with SUCCESS, or with the error
/// and how many records were emitted.
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
            var (path, rql, properties) = await PrepareAsync(document, filter, cancellationToken).ConfigureAwait(false);
            if (properties.GetBoolean(OperationFieldIds.CountOnly))
            {
                var total = await CountAsync(path, rql, cancellationToken).ConfigureAwait(false);
                await response.AddPartialResultAsync(document, Payload.FromJsonBytes(Encoding.UTF8.GetBytes("{\"count\":" + total.ToString(CultureInfo.InvariantCulture) + "}")), cancellationToken).ConfigureAwait(false);
                await response.FinishPartialResultAsync(document, OperationStatus.Success, "200", $"{total} matching records", cancellationToken).ConfigureAwait(false);
                return;
            }

            var pages = await PageThroughAsync(document, path, rql, FieldSelection.From(filter.SelectedFields), properties, progress, response, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Checks the filter (descriptor and documented filters), reads the document for parent ids, and builds the path and RQL.</summary>
    private async Task<(string Path, string Rql, PropertyValues Properties)> PrepareAsync(Core.Documents.TrackedDocument document, QueryFilter filter, CancellationToken cancellationToken)
    {
        var properties = context.OperationProperties.With(document.DynamicProperties);
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
        try
        {
            return (path, RqlQueryBuilder.Build(filter), properties);
        }
        catch (InvalidQueryFilterException ex)
        {
            // A filter RQL cannot express (a value with both quote kinds...) is the user's input error, like the checks above.
            throw new DocumentInputException("INVALID_FILTER", "the query filter is invalid: " + string.Join("; ", ex.Problems));
        }
    }

    /// <summary>Asks page after page (limit/offset) until the collection, or maxResults, is exhausted; returns how many pages were read.</summary>
    private async Task<int> PageThroughAsync(
        Core.Documents.TrackedDocument document,
        string path,
        string rql,
        FieldSelection? selection,
        PropertyValues properties,
        SearchProgress progress,
        OperationResponse response,
        CancellationToken cancellationToken)
    {
        var pageSize = properties.GetInt32(OperationFieldIds.PageSize);
        var maxResults = properties.GetInt64(OperationFieldIds.MaxResults);
        var guard = new PagingGuard(pageSize);
        long offset = 0;
        while (true)
        {
            var limit = maxResults > 0 ? (int)Math.Min(pageSize, maxResults - progress.Emitted) : pageSize;
            var page = new PageRequest(path, RqlQueryBuilder.AppendPage(rql, limit, checked((int)offset)), offset, limit);
            var (inPage, range) = await ReadPageAsync(document, page, guard, progress, response, selection, cancellationToken).ConfigureAwait(false);
            if (guard.IsLastPage(range, offset, inPage, limit) || (maxResults > 0 && progress.Emitted >= maxResults))
            {
                return guard.Pages;
            }

            offset += inPage;
        }
    }

    /// <summary>
    /// Reads one page and emits its records. A body that breaks while it is read (connection reset, truncated JSON)
    /// is read again (a GET is idempotent), up to the connection's retry limit, skipping the records of this page
    /// already emitted, so each record is delivered once.
    /// </summary>
    private async Task<(int Records, ContentRange? Range)> ReadPageAsync(
        Core.Documents.TrackedDocument document,
        PageRequest page,
        PagingGuard guard,
        SearchProgress progress,
        OperationResponse response,
        FieldSelection? selection,
        CancellationToken cancellationToken)
    {
        var delivered = 0;
        return await BrokenBodyRetry.RetryAsync(
            client.Settings.MaxRetries,
            async () =>
            {
                await using var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, page.Path, page.Query), cancellationToken).ConfigureAwait(false);
                var range = guard.CheckHeader(answer.ContentRange, page.Offset);
                var position = 0;
                await foreach (var record in JsonArraySplitter.SplitAsync(answer.Body, cancellationToken).ConfigureAwait(false))
                {
                    if (position == 0)
                    {
                        guard.CheckFirstRecord(range, record, page.Offset);
                    }

                    if (position++ < delivered)
                    {
                        continue;
                    }

                    if (delivered >= page.Limit)
                    {
                        break;
                    }

                    // The selection is applied here too: Connect's select() only adds or removes some fields.
                    await response.AddPartialResultAsync(document, Payload.FromJsonBytes(selection is null ? record : selection.Apply(record)), cancellationToken).ConfigureAwait(false);
                    delivered++;
                    progress.Emitted++;
                }

                return (delivered, range);
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

    /// <summary>One page to ask for: path, whole query string (RQL plus limit and offset), offset and limit.</summary>
    private sealed record PageRequest(string Path, string Query, long Offset, int Limit);

    /// <summary>How many records a search has emitted so far (kept across pages and page re-reads).</summary>
    private sealed class SearchProgress
    {
        public long Emitted { get; set; }
    }
}
