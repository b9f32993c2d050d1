using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Host.Composition;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Commands;

/// <summary>
/// Where <c>schema --learn</c> gets its samples from the connection: the records of a QUERY of the object type,
/// streamed as the query reads them (at most N, through the query's own max-results field).
/// </summary>
internal static class SampleSources
{
    public static async IAsyncEnumerable<JToken> QueryAsync(
        ConnectorSession session,
        HostSettings settings,
        HostConsole console,
        ObjectTypeDescriptor objectType,
        long max,
        string? parentId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = objectType.FindOperation(OperationType.Query)
            ?? throw new UsageException($"{objectType.Id} has no QUERY operation to take samples from; pipe NDJSON samples on stdin instead");
        if (query.NeedsParent && string.IsNullOrWhiteSpace(parentId))
        {
            throw new UsageException($"{objectType.Id} lives under {objectType.Parent}: give --parent ID to take samples from its query");
        }

        await session.ConnectAsync(settings, console, cancellationToken).ConfigureAwait(false);
        await session.TestConnectionAsync(cancellationToken).ConfigureAwait(false);
        var properties = new Dictionary<string, string?> { [OperationFieldIds.MaxResults] = max.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        RunCommands.AddIfGiven(properties, OperationFieldIds.ParentId, parentId);
        var context = OperationContext.Create(session.Descriptor, objectType.Id, query.Type.ToString(), session.ConnectionProperties, properties);
        var operation = session.Connector.CreateOperation(context);

        var records = Channel.CreateBounded<JToken>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        var sink = new RecordCollector(records.Writer);
        var input = TrackedDocument.Empty("query");
        var run = RunAsync(session, operation, input, sink, records.Writer, cancellationToken);
        await foreach (var record in records.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }

        await run.ConfigureAwait(false);
        if (sink.Failure is { } failure)
        {
            throw new UsageException($"the query for samples of {objectType.Id} failed: {failure}");
        }
    }

    private static async Task RunAsync(ConnectorSession session, IOperation operation, TrackedDocument input, RecordCollector sink, ChannelWriter<JToken> records, CancellationToken cancellationToken)
    {
        try
        {
            var response = new OperationResponse([input], sink, session.LoggerFactory.CreateLogger(typeof(SampleSources)));
            await operation.ExecuteAsync(OperationRequest.ForQuery(QueryFilter.All, input), response, cancellationToken).ConfigureAwait(false);
            await response.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            records.TryComplete();
        }
        catch (Exception ex)
        {
            records.TryComplete(ex);
        }
        finally
        {
            await input.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Turns the query's partial results into JSON records; remembers a failed final result.</summary>
    private sealed class RecordCollector(ChannelWriter<JToken> records) : IOperationResultSink
    {
        public string? Failure { get; private set; }

        public async ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken)
        {
            if (result.Status != OperationStatus.Success)
            {
                Failure = $"{result.StatusCode}: {result.Message}";
            }

            foreach (var payload in result.Payloads)
            {
                await using (payload.ConfigureAwait(false))
                {
                    if (!result.IsPartial || !payload.IsJson)
                    {
                        continue;
                    }

                    using var buffer = new MemoryStream();
                    await payload.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    buffer.Position = 0;
                    using var reader = new JsonTextReader(new StreamReader(buffer)) { DateParseHandling = DateParseHandling.None };
                    await records.WriteAsync(await JToken.ReadFromAsync(reader, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
