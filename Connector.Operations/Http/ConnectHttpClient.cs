using System.Globalization;
using Connector.Operations.Http.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace Connector.Operations.Http;

/// <summary>
/// The one HTTP client of a Connect connection: reuse it for every document and page; it is safe for concurrent use.
/// Sends <see cref="ConnectRequest"/>s with authentication, retries what is safe to retry, streams answers and turns
/// error answers into typed <see cref="ConnectException"/>s.
/// </summary>
internal sealed partial class ConnectHttpClient : IDisposable
{
    private readonly IConnectTransport _transport;
    private readonly ConnectAttemptSender _attempts;
    private readonly ResiliencePipeline<ConnectResponse>? _retries;
    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;
    private readonly ConnectionSettings _settings;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the client for one connection (validates <paramref name="settings"/>).</summary>
    /// <param name="settings">Base URL, API key, timeouts and retry limits, kept for the client's lifetime; invalid ones throw <see cref="InvalidConnectionSettingsException"/> listing every problem.</param>
    /// <param name="logger">Where requests, answers and retries are logged (never the API key), or null.</param>
    /// <param name="timeProvider">Time for timeouts and waits (tests pass a fake), or null for the system clock.</param>
    public ConnectHttpClient(ConnectionSettings settings, ILogger<ConnectHttpClient>? logger = null, TimeProvider? timeProvider = null)
        : this(settings, new HttpConnectTransport((settings ?? throw new ArgumentNullException(nameof(settings))).Validate(), timeProvider), logger, timeProvider)
    {
    }

    /// <summary>Creates the client over a given transport (tests).</summary>
    internal ConnectHttpClient(ConnectionSettings settings, IConnectTransport transport, ILogger<ConnectHttpClient>? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(transport);
        _settings = settings.Validate();
        _transport = transport;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _redactor = new SecretRedactor(settings.ApiKey);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _attempts = new ConnectAttemptSender(transport, _settings.RequestTimeout, _timeProvider, _logger);
        _retries = _settings.MaxRetries > 0 ? ConnectResiliencePipeline.Build(settings, _timeProvider, LogRetry) : null;
    }

    /// <summary>
    /// Sends a request and returns its 2xx answer, whose <see cref="ConnectResponse.Body"/> streams from the network
    /// (dispose the response).
    /// </summary>
    /// <exception cref="ConnectAuthenticationException">HTTP 401.</exception>
    /// <exception cref="ConnectNotFoundException">HTTP 404.</exception>
    /// <exception cref="ConnectServerException">5xx after the retries that were safe.</exception>
    /// <exception cref="ConnectRateLimitException">429 after the last retry, carrying the wait the API asked for.</exception>
    /// <exception cref="ConnectApiException">Any other non-2xx answer.</exception>
    /// <exception cref="ConnectTransportException">No answer (connection failure, timeout) after the last retry.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ConnectResponse> SendAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new ConnectResiliencePipeline.CallState(request);
        ConnectResponse response;
        try
        {
            // The first attempt is awaited in this frame (no asynchronous method of its own); retries go through the pipeline.
            Outcome<ConnectResponse> outcome;
            using (var attempt = _attempts.Start(call, cancellationToken))
            {
                try
                {
                    outcome = attempt.Answered(await attempt.Answer.ConfigureAwait(false));
                }
                catch (Exception e)
                {
                    outcome = attempt.Failed(e);
                }
            }

            if (_retries is not null && ConnectResiliencePipeline.ShouldRetry(outcome, request.Idempotent, cancellationToken))
            {
                outcome = await RetryAsync(call, outcome, cancellationToken).ConfigureAwait(false);
            }

            outcome.ThrowIfException();
            response = outcome.Result!;
        }
        catch (TimeoutRejectedException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TransportError(request, call.Attempts, ConnectTransportFailure.Timeout,
                $"no answer from {_transport.Origin} within {_settings.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", e);
        }
        catch (TransportFailureException e)
        {
            throw TransportError(request, call.Attempts, e.Failure, DescribeTransportFailure(e), e.InnerException ?? e);
        }

        if (response.StatusCode is >= 200 and < 300)
        {
            if (NotJson(request, response) is { } type)
            {
                await RefuseNonJsonAsync(request, response, type).ConfigureAwait(false);
            }

            return response;
        }

        ConnectErrorBody body;
        await using (response.ConfigureAwait(false))
        {
            body = await ConnectErrorBody.ReadAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }

        var retryAfter = RetryAfterHeader.Parse(response.RetryAfter, _timeProvider.GetUtcNow());
        var error = ApiError(request, response.StatusCode, body, call.Attempts, response.Header("Location"), retryAfter);
        LogFailed(_logger, request.Method.Method, request.Path, response.StatusCode, call.Attempts);
        throw error;
    }

    /// <summary>
    /// The retries of a call whose first attempt's outcome is retried: the retry pipeline takes that outcome as its first
    /// execution's (so it waits, logs and counts as if it had sent it) and sends each further attempt.
    /// </summary>
    private async ValueTask<Outcome<ConnectResponse>> RetryAsync(ConnectResiliencePipeline.CallState call, Outcome<ConnectResponse> first, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ConnectResiliencePipeline.CallStateKey, call);
        call.FirstOutcome = first;
        try
        {
            return await _retries!.ExecuteOutcomeAsync(
                static (ctx, attempts) =>
                {
                    var call = ctx.Properties.GetValue(ConnectResiliencePipeline.CallStateKey, null!);
                    return call.TakeFirstOutcome() is { } first ? ValueTask.FromResult(first) : attempts.SendAsync(call, ctx.CancellationToken);
                },
                context,
                _attempts).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The validated settings this client was built with (read once, from the descriptor's connection fields).</summary>
    public ConnectionSettings Settings => _settings;

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();

    /// <summary>
    /// The media type of a 2xx answer to a JSON request when it is not JSON (an HTML page...: the request did not reach
    /// a Connect API), else null: no content (204), no content type, or JSON.
    /// </summary>
    private static string? NotJson(ConnectRequest request, ConnectResponse response) =>
        request.Accept != ConnectRequest.JsonMediaType || response.StatusCode == 204 || response.ContentType is not { } type || ConnectRequest.IsJson(type)
            ? null
            : type;

    /// <summary>Disposes an answer of media type <paramref name="type"/> that <see cref="NotJson"/> named, and throws the error that says so.</summary>
    private async Task RefuseNonJsonAsync(ConnectRequest request, ConnectResponse response, string type)
    {
        await response.DisposeAsync().ConfigureAwait(false);
        throw new ConnectResponseFormatException(_redactor.Redact(
            $"{_transport.Origin} answered {request} with {type}, not JSON: it is not a Connect API; check the API endpoint URL, which ends in /public/v1"))
        {
            RequestMethod = request.Method.Method,
            RequestPath = "/" + request.Path,
        };
    }

    private string DescribeTransportFailure(TransportFailureException failure)
    {
        var detail = failure.Failure is ConnectTransportFailure.ConnectionFailed or ConnectTransportFailure.Tls or ConnectTransportFailure.ConnectionLost
                     && failure.InnerException is { } inner
            ? $" ({inner.Message})"
            : string.Empty;
        return failure.Failure == ConnectTransportFailure.ConnectionLost
            ? $"{failure.Message} while talking to {_transport.Origin}{detail}"
            : $"cannot reach {_transport.Origin}: {failure.Message}{detail}";
    }

    private ConnectTransportException TransportError(ConnectRequest request, int attempts, ConnectTransportFailure failure, string cause, Exception inner)
    {
        var certainlyNotSent = failure is ConnectTransportFailure.ConnectionRefused or ConnectTransportFailure.ConnectionFailed
            or ConnectTransportFailure.NameResolution or ConnectTransportFailure.Tls;
        var outcomeUnknown = !request.Idempotent && !certainlyNotSent;
        var message = cause + Suffix(request, attempts, outcomeUnknown);
        LogTransportFailed(_logger, request.Method.Method, request.Path, failure, attempts);
        return new ConnectTransportException(_redactor.Redact(message), failure, attempts, outcomeUnknown, inner)
        {
            RequestMethod = request.Method.Method,
            RequestPath = "/" + request.Path,
        };
    }

    private ConnectApiException ApiError(ConnectRequest request, int status, ConnectErrorBody body, int attempts, string? location, TimeSpan? retryAfter)
    {
        var code = body.ErrorCode;
        var summary = body.Summary;
        var method = request.Method.Method;
        var path = "/" + request.Path;
        string message;
        ConnectApiException error;
        switch (status)
        {
            case 401:
                message = $"the API key was rejected (HTTP 401{(code is null ? string.Empty : " " + code)}): the connection does not work; check the API key (SU-...:secret) in the connection settings";
                error = new ConnectAuthenticationException(_redactor.Redact(message), code, Redact(body.Errors)) { RequestMethod = method, RequestPath = path };
                break;
            case 404:
                message = code is null
                    ? $"HTTP 404: {method} {path} was not found{(summary is null ? string.Empty : " (" + summary + ")")}; if every request answers this, {_transport.Origin} is not a Connect API: check the API endpoint URL, which ends in /public/v1"
                    : Describe(status, code, summary);
                error = new ConnectNotFoundException(_redactor.Redact(message), code, Redact(body.Errors)) { RequestMethod = method, RequestPath = path };
                break;
            case 429:
                message = Describe(status, code, summary) + Suffix(request, attempts, outcomeUnknown: false) + "; the API's rate limit was reached and the request was not processed: "
                    + (retryAfter is { } wait ? $"it asks to wait {WaitText(wait)} before sending it again" : "send it again later");
                error = new ConnectRateLimitException(_redactor.Redact(message), code, Redact(body.Errors), attempts, retryAfter) { RequestMethod = method, RequestPath = path };
                break;
            case >= 500:
                var outcomeUnknown = !request.Idempotent && status != 503;
                message = Describe(status, code, summary) + Suffix(request, attempts, outcomeUnknown);
                error = new ConnectServerException(_redactor.Redact(message), status, code, Redact(body.Errors), attempts, outcomeUnknown) { RequestMethod = method, RequestPath = path, RetryAfter = retryAfter };
                break;
            case >= 300 and < 400:
                message = $"HTTP {status}: unexpected redirect of {method} {path}{(location is null ? string.Empty : " to " + location)}; check the base URL";
                error = new ConnectApiException(_redactor.Redact(message), status, code, Redact(body.Errors)) { RequestMethod = method, RequestPath = path };
                break;
            default:
                message = Describe(status, code, summary);
                error = new ConnectApiException(_redactor.Redact(message), status, code, Redact(body.Errors)) { RequestMethod = method, RequestPath = path };
                break;
        }

        return error;
    }

    private string[] Redact(IReadOnlyList<string> errors) => errors.Select(_redactor.Redact).ToArray();

    private static string Describe(int status, string? code, string? summary)
    {
        var head = code is null ? $"HTTP {status.ToString(CultureInfo.InvariantCulture)}" : $"HTTP {status.ToString(CultureInfo.InvariantCulture)} {code}";
        return summary is null ? head + ": the answer carried no error details" : head + ": " + summary;
    }

    private static string WaitText(TimeSpan wait) => wait.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalSeconds):0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalMinutes):0} min");

    private static string Suffix(ConnectRequest request, int attempts, bool outcomeUnknown)
    {
        var text = attempts > 1 ? $" ({request}, {attempts.ToString(CultureInfo.InvariantCulture)} attempts)" : $" ({request})";
        if (outcomeUnknown)
        {
            text += "; the outcome is unknown: the server may have processed the request, so it was not retried; check the object before sending it again";
        }

        return text;
    }

    private void LogRetry(ConnectResiliencePipeline.CallState state, string reason, TimeSpan delay) =>
        LogRetrying(_logger, state.Request.Method.Method, state.Request.Path, _redactor.Redact(reason), (long)delay.TotalMilliseconds, state.Attempts + 1, _settings.MaxRetries + 1);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Connect {Method} /{Path}: {Reason}; retrying in {DelayMs} ms (attempt {NextAttempt} of {MaxAttempts})")]
    private static partial void LogRetrying(ILogger logger, string method, string path, string reason, long delayMs, int nextAttempt, int maxAttempts);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Connect {Method} /{Path}: failed with HTTP {Status} after {Attempts} attempt(s)")]
    private static partial void LogFailed(ILogger logger, string method, string path, int status, int attempts);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Connect {Method} /{Path}: no answer ({Failure}) after {Attempts} attempt(s)")]
    private static partial void LogTransportFailed(ILogger logger, string method, string path, ConnectTransportFailure failure, int attempts);
}
