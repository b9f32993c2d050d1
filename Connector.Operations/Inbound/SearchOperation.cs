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
/// pages through the collection (<see cref="CollectionPager"/>) and emits one partial result per record, streamed page
/// by page in constant memory, after telling the response how many records to expect (the first page's total). Ends with SUCCESS, or with the error
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
        var progress = new CollectionPager(client);
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

            var pages = await PageThroughAsync(document, path, rql, FieldProjection.From(filter.SelectedFields), properties, progress, response, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Pages through the collection, emitting each record (projected by the selection); returns how many pages were read.</summary>
    private async Task<int> PageThroughAsync(
        Core.Documents.TrackedDocument document,
        string path,
        string rql,
        FieldProjection? selection,
        PropertyValues properties,
        CollectionPager pager,
        OperationResponse response,
        CancellationToken cancellationToken)
    {
        var maxResults = properties.GetInt64(OperationFieldIds.MaxResults);
        return await pager.PageThroughAsync(
            path,
            rql,
            properties.GetInt32(OperationFieldIds.PageSize),
            maxResults,
            0,
            // The selection is applied here too: Connect's select() only adds or removes some fields (the same projection as the command line's --fields).
            (record, ct) => response.AddPartialResultAsync(document, Payload.PooledCopyOfJson((selection is null ? record : selection.ApplyUtf8(record)).Span), ct),
            (total, ct) => response.ReportExpectedRecordsAsync(document, maxResults > 0 ? Math.Min(total, maxResults) : total, ct),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> CountAsync(string path, string rql, CancellationToken cancellationToken)
    {
        await using var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, path, RqlQueryBuilder.AppendPage(rql, 0, 0)), cancellationToken).ConfigureAwait(false);
        var range = ContentRange.Parse(answer.ContentRange)
            ?? throw new ConnectResponseFormatException($"the answer to a count has no valid Content-Range header (got '{answer.ContentRange ?? "nothing"}')");
        return range.Total;
    }
}
