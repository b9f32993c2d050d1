using Connector.Core.Contexts;
using Connector.Core.Documents;
using Connector.Core.Execution;
using Connector.Core.Operations;
using Connector.Core.Querying;
using Connector.Host.Composition;
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
    private readonly RunSummary _summary = new();

    public async Task<int> RunDocumentsAsync(OperationContext context, IAsyncEnumerable<List<TrackedDocument>> chunks, CancellationToken cancellationToken)
    {
        var operation = session.Connector.CreateOperation(context);
        var sink = CreateSink(out var progress);
        var any = false;
        try
        {
            await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                any = true;
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

        if (!any && !cancellationToken.IsCancellationRequested)
        {
            throw new UsageException("no input documents: pipe NDJSON on stdin, give --in FILE, or build one with --id/--set");
        }

        return await FinishAsync(progress, withRecords: false).ConfigureAwait(false);
    }

    public async Task<int> RunQueryAsync(OperationContext context, QueryFilter filter, TrackedDocument input, CancellationToken cancellationToken)
    {
        var operation = session.Connector.CreateOperation(context);
        var sink = CreateSink(out var progress);
        await RunAsync(operation, OperationRequest.ForQuery(filter, input), sink, cancellationToken).ConfigureAwait(false);
        return await FinishAsync(progress, withRecords: true).ConfigureAwait(false);
    }

    private ResultWriter CreateSink(out ProgressLine progress)
    {
        progress = new ProgressLine(console.Error, session.TimeProvider, _summary, settings.Progress || console.ErrorIsTerminal);
        return new ResultWriter(console.Out, console.Error, _summary, progress, output.Results, output.OutPath is null ? null : new DownloadTarget(output.OutPath), session.TimeProvider);
    }

    private Task RunAsync(IOperation operation, OperationRequest request, ResultWriter sink, CancellationToken cancellationToken) =>
        ConnectorRunner.RunAsync(operation, request, sink, cancellationToken, session.LoggerFactory.CreateLogger<OperationRunner>());

    private async Task<int> FinishAsync(ProgressLine progress, bool withRecords)
    {
        progress.Clear();
        await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await console.Error.WriteLineAsync(_summary.Format(withRecords)).ConfigureAwait(false);
        return _summary.ExitCode;
    }
}
