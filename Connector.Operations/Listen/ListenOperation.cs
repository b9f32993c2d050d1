using Connector.Browse.Catalog;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Listening;
using Connector.Core.Operations;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Operations.Execution;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Connector.Operations.Listen.Webhooks;
using Connector.Operations.Querying;
using Connector.Operations.Requests;
using Microsoft.Extensions.Logging;

namespace Connector.Operations.Listen;

/// <summary>
/// LISTEN: polls the object type's collection for new and changed records (or, with webhook settings, receives
/// Connect's webhook deliveries), handing each change to a sink. Errors a retry can fix (5xx, 429, lost connections)
/// back off exponentially, honouring the server's Retry-After; errors it cannot fix (bad filter, rejected key) stop
/// the listener with <see cref="ListenFailedException"/>. As a plain <see cref="IOperation"/> it drains once: every
/// pending change is a partial result of its one input document.
/// </summary>
internal sealed partial class ListenOperation(OperationContext context, ConnectHttpClient client, CatalogStore catalogs, TimeProvider time, ILogger logger) : IOperation, IListenOperation
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private const int DrainOnceAttempts = 4;

    private ListenDescriptor Listen => context.Operation.Listen
        ?? throw new ListenFailedException($"the descriptor declares no 'listen' block for {context.ObjectTypeId} LISTEN");

    /// <inheritdoc />
    public async Task ListenAsync(ListenRequest request, IListenEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        if (request.Webhook is not null)
        {
            await ReceiveAsync(request.Webhook, sink, cancellationToken).ConfigureAwait(false);
            return;
        }

        var filter = await ValidatedFilterAsync(request.Filter, cancellationToken).ConfigureAwait(false);
        var poller = new PollingListener(context, client, Listen);
        var checkpoint = request.Checkpoint;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                checkpoint = await poller.PollAsync(filter, checkpoint, request.Since, sink, cancellationToken).ConfigureAwait(false);
                failures = 0;
                if (request.DrainOnce)
                {
                    return;
                }

                await Task.Delay(request.PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (DryRunInterceptedException ex)
            {
                throw new ListenFailedException(ex.Message, ex);
            }
            catch (Exception ex) when (IsPermanent(ex))
            {
                throw new ListenFailedException($"listening to {context.ObjectTypeId} stopped: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is ConnectException or System.Text.Json.JsonException)
            {
                failures++;
                if (request.DrainOnce && failures >= DrainOnceAttempts)
                {
                    throw new ListenFailedException($"listening to {context.ObjectTypeId} failed {failures} times in a row: {ex.Message}", ex);
                }

                var delay = Backoff(failures, (ex as ConnectApiException)?.RetryAfter, request.MaxBackoff);
                LogBackoff(logger, context.ObjectTypeId, failures, delay.TotalSeconds, ex.Message);
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        foreach (var document in request.Documents)
        {
            var sink = new PartialResultSink(response, document);
            try
            {
                await ListenAsync(new ListenRequest { Filter = request.Filter ?? QueryFilter.All, DrainOnce = true }, sink, cancellationToken).ConfigureAwait(false);
                var status = cancellationToken.IsCancellationRequested ? OperationStatus.Failure : OperationStatus.Success;
                var code = cancellationToken.IsCancellationRequested ? OperationResponse.CancelledCode : "200";
                await response.FinishPartialResultAsync(document, status, code, $"{sink.Count} change{(sink.Count == 1 ? string.Empty : "s")} pending", CancellationToken.None).ConfigureAwait(false);
            }
            catch (ListenFailedException ex) when (ex.InnerException is DryRunInterceptedException dryRun)
            {
                await response.AddResultAsync(document, OperationStatus.Success, DryRunInterceptedException.Code, ex.Message, [dryRun.ToPayload()], CancellationToken.None).ConfigureAwait(false);
            }
            catch (ListenFailedException ex)
            {
                var outcome = ConnectOutcomes.FromException(ex.InnerException ?? ex);
                var status = sink.Count > 0 ? OperationStatus.Failure : outcome.Status;
                await response.FinishPartialResultAsync(document, status, outcome.Code, ex.Message, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the webhook receiver; with a register URL, the webhook is activated once it listens and deactivated when it stops.</summary>
    private async Task ReceiveAsync(WebhookListenSettings settings, IListenEventSink sink, CancellationToken cancellationToken)
    {
        WebhookRegistration? registration = null;
        if (settings.RegisterUrl is not null)
        {
            var objectClass = Listen.WebhookObjectClass ?? throw new ListenFailedException($"Connect has no webhooks for {context.ObjectTypeId}; poll it instead");
            registration = new WebhookRegistration(client, objectClass, settings);
        }

        string? registered = null;
        try
        {
            await new WebhookReceiver(settings, time, logger).RunAsync(
                sink,
                async address =>
                {
                    settings.OnListening?.Invoke(address);
                    if (registration is not null)
                    {
                        registered = await registration.ActivateAsync(cancellationToken).ConfigureAwait(false);
                        settings.OnRegistered?.Invoke(registered);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectException ex)
        {
            throw new ListenFailedException($"registering the webhook failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while starting or registering.
        }
        finally
        {
            if (registered is not null)
            {
                await DeactivateAsync(registration!, registered).ConfigureAwait(false);
            }
        }
    }

    private async Task DeactivateAsync(WebhookRegistration registration, string id)
    {
        try
        {
            await registration.DeactivateAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConnectException ex)
        {
            LogDeactivationFailed(logger, id, ex.Message);
        }
    }

    /// <summary>The wait after the n-th failure in a row: the server's Retry-After when it gave one, else 1 s doubling, capped.</summary>
    internal static TimeSpan Backoff(int failures, TimeSpan? retryAfter, TimeSpan max)
    {
        if (retryAfter is { } asked)
        {
            return asked > max ? max : asked;
        }

        var exponential = FirstBackoff * Math.Pow(2, Math.Min(failures - 1, 20));
        return exponential > max ? max : exponential;
    }

    private static bool IsPermanent(Exception ex) => ex is DocumentInputException
        or ConnectAuthenticationException
        or InvalidQueryFilterException
        or ConnectNotFoundException
        || (ex is ConnectApiException api && api is not ConnectServerException && api.StatusCode is >= 400 and < 500 and not 408 and not 429);

    private async Task<QueryFilter> ValidatedFilterAsync(QueryFilter filter, CancellationToken cancellationToken)
    {
        var query = context.ObjectType.FindOperation(OperationType.Query);
        var problems = QueryFilterValidator.Validate(filter with { Sorts = [] }, context.Descriptor, query).ToList();
        var catalog = await ConnectApiData.GetAsync(catalogs, cancellationToken).ConfigureAwait(false);
        if (catalog.Endpoint(context.Operation) is { } endpoint)
        {
            problems.AddRange(QueryFieldValidator.Validate(filter with { Sorts = [] }, endpoint));
        }

        if (problems.Count > 0)
        {
            throw new InvalidQueryFilterException(problems);
        }

        return filter;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook {WebhookId} could not be deactivated: {Reason}")]
    private static partial void LogDeactivationFailed(ILogger logger, string webhookId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening to {ObjectType}: failure {Failures} in a row, next poll in {Seconds} s: {Reason}")]
    private static partial void LogBackoff(ILogger logger, string objectType, int failures, double seconds, string reason);

    /// <summary>Turns events into partial results of one input document (the plain IOperation use).</summary>
    private sealed class PartialResultSink(OperationResponse response, Core.Documents.TrackedDocument document) : IListenEventSink
    {
        public int Count { get; private set; }

        public async ValueTask OnEventAsync(ListenEvent listenEvent, CancellationToken cancellationToken)
        {
            await response.AddPartialResultAsync(document, Payload.FromJsonBytes(listenEvent.Json), cancellationToken).ConfigureAwait(false);
            Count++;
        }
    }
}
