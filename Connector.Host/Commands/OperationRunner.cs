using System.Globalization;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Execution;
using Connector.Core.Operations;
using Connector.Core.Querying;
using Connector.Host.Composition;
using Connector.Host.Input;
using Connector.Host.Output;
using Microsoft.Extensions.Logging;

namespace Connector.Host.Commands;

/// <summary>
/// Runs one operation over a stream of documents (in chunks, each one operation request) or one query, streaming
/// results to stdout, then prints the summary and returns the exit code. On cancellation finished documents keep
/// their results, the rest get FAILURE "cancelled", and the summary is still printed.
/// </summary>
internal sealed class OperationRunner(ConnectorSession session, HostConsole console, HostSettings settings, OutputOptions output)
{
    /// <summary>How long a cancelled run waits for the rest of its input to count the lines it did not read.</summary>
    private static readonly TimeSpan UnreadCountWait = TimeSpan.FromSeconds(3);

    private readonly RunSummary _summary = new();
    private readonly long _started = session.TimeProvider.GetTimestamp();
    private IRecordOutput? _records;
    private DownloadTarget? _downloads;

    /// <summary>How many documents the run has, when known beforehand (the lines of --in FILE): the progress line then shows percent and time left.</summary>
    public long? KnownTotal { get; init; }

    /// <summary>
    /// Runs the documents. No documents at all (an empty pipe) is a run of zero documents, exit 0. When the run is
    /// cancelled and the documents come from <paramref name="input"/>, the lines it never read are counted and named.
    /// </summary>
    public async Task<int> RunDocumentsAsync(OperationContext context, IAsyncEnumerable<List<TrackedDocument>> chunks, CancellationToken cancellationToken, BoundedLineReader? input = null)
    {
        var operation = session.Connector.CreateOperation(context);
        var sink = CreateSink(context, out var progress);
        try
        {
            await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                RememberObjectIds(context, chunk);
                await RunAsync(operation, OperationRequest.ForDocuments(chunk), sink, cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Reading input was cancelled; what ran keeps its results.
        }

        var code = await FinishAsync(context, progress, cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested && input is not null && await UnreadLinesAsync(input).ConfigureAwait(false) is { } unread)
        {
            await console.Error.WriteLineAsync(unread).ConfigureAwait(false);
        }

        return code;
    }

    public async Task<int> RunQueryAsync(OperationContext context, QueryFilter filter, TrackedDocument input, CancellationToken cancellationToken)
    {
        var operation = session.Connector.CreateOperation(context);
        var sink = CreateSink(context, out var progress);
        await RunAsync(operation, OperationRequest.ForQuery(filter, input), sink, cancellationToken).ConfigureAwait(false);
        return await FinishAsync(context, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an operation no object type names (a raw API request) over one document, its records streamed like a
    /// query's; <paramref name="command"/> is how the summary names it in a pipe.
    /// </summary>
    public async Task<int> RunRecordsAsync(IOperation operation, string command, TrackedDocument input, CancellationToken cancellationToken)
    {
        var sink = CreateSink([], null, out var progress);
        await RunAsync(operation, OperationRequest.ForDocuments([input]), sink, cancellationToken).ConfigureAwait(false);
        return await FinishAsync(console.OutputIsTerminal ? null : command, "read", query: true, progress, cancellationToken).ConfigureAwait(false);
    }

    private ResultWriter CreateSink(OperationContext context, out ProgressLine progress) => CreateSink(context.ObjectType.Columns, context.ObjectTypeId, out progress);

    private ResultWriter CreateSink(IReadOnlyList<string> keyColumns, string? objectTypeId, out ProgressLine progress)
    {
        progress = new ProgressLine(console.Error, session.TimeProvider, _summary, settings.Progress || console.ErrorIsTerminal) { Total = KnownTotal };
        _records = RecordOutputs.Create(output, console, keyColumns);
        _downloads = output.OutPath is null ? null : new DownloadTarget(output.OutPath);
        return new ResultWriter(console.Out, _records, console.Error, _summary, progress, output.Results, _downloads, session.TimeProvider, output.FailMissing, objectTypeId);
    }

    /// <summary>For downloads: which object each document is about (--id, the objectId property, or the document's id field).</summary>
    private void RememberObjectIds(OperationContext context, IReadOnlyList<TrackedDocument> chunk)
    {
        if (_downloads is null)
        {
            return;
        }

        var given = context.OperationProperties.GetString(OperationFieldIds.ObjectId);
        foreach (var document in chunk)
        {
            _downloads.Remember(document.TrackingId, document.DynamicProperties.GetValueOrDefault(OperationFieldIds.ObjectId) ?? given ?? PeekId(document, context.ObjectType.IdProperty));
        }
    }

    /// <summary>The id field of a (seekable, in-memory) JSON document, leaving it unread.</summary>
    private static string? PeekId(TrackedDocument document, string idProperty)
    {
        if (!document.Data.CanSeek || document.Data.Length == 0)
        {
            return null;
        }

        try
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new StreamReader(document.Data, leaveOpen: true)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            return Output.RecordFields.Select(Newtonsoft.Json.Linq.JToken.ReadFrom(reader), idProperty) is Newtonsoft.Json.Linq.JValue { Type: Newtonsoft.Json.Linq.JTokenType.String } id ? (string?)id : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
        finally
        {
            document.Data.Position = 0;
        }
    }

    private Task RunAsync(IOperation operation, OperationRequest request, ResultWriter sink, CancellationToken cancellationToken) =>
        ConnectorRunner.RunAsync(operation, request, sink, cancellationToken, session.LoggerFactory.CreateLogger<OperationRunner>());

    /// <summary>
    /// "3,600 lines not read" (null when nothing was left): counts what is left of the input, waiting at most <see cref="UnreadCountWait"/> for a
    /// producer that keeps its end open (a live pipe); then it says "at least".
    /// </summary>
    private async Task<string?> UnreadLinesAsync(BoundedLineReader input)
    {
        using var stop = new CancellationTokenSource();
        var counting = input.CountRemainingLinesAsync(stop.Token);
        var waited = await Task.WhenAny(counting, Task.Delay(UnreadCountWait, session.TimeProvider, CancellationToken.None)).ConfigureAwait(false);
        if (waited != counting)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            return "the input was still open: its remaining lines were not read";
        }

        var (lines, complete) = await counting.ConfigureAwait(false);
        return lines == 0 && complete ? null : string.Create(CultureInfo.InvariantCulture, $"{(complete ? string.Empty : "at least ")}{lines:N0} line{(lines == 1 ? string.Empty : "s")} not read");
    }

    private Task<int> FinishAsync(OperationContext context, ProgressLine progress, CancellationToken cancellationToken) =>
        FinishAsync(console.OutputIsTerminal ? null : CommandName(context), RunSummary.PastTense(context.OperationType), context.OperationKind == OperationKind.Query, progress, cancellationToken);

    /// <summary>Ends the output, prints the summary (prefixed with <paramref name="command"/> when given) and returns the exit code.</summary>
    private async Task<int> FinishAsync(string? command, string verb, bool query, ProgressLine progress, CancellationToken cancellationToken)
    {
        progress.Clear();
        if (_records is not null)
        {
            try
            {
                await _records.CompleteAsync(cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (_records is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await console.Error.WriteLineAsync(_summary.Format(command, verb, query, session.TimeProvider.GetElapsedTime(_started))).ConfigureAwait(false);
        return _summary.ExitCode;
    }

    /// <summary>How a person typed the command: "query request", "exec request APPROVE".</summary>
    private static string CommandName(OperationContext context) => context.OperationKind switch
    {
        OperationKind.Execute => $"exec {context.ObjectTypeId} {context.OperationType.ToDisplayName()}",
        _ => $"{OperationType.FormatKind(context.OperationKind).ToLowerInvariant()} {context.ObjectTypeId}",
    };
}
