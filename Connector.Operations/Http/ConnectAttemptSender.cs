using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Connector.Operations.Http;

/// <summary>
/// Sends one attempt of a call: the request through the transport, cancelled after
/// <see cref="ConnectionSettings.RequestTimeout"/> (on the client's <see cref="TimeProvider"/>) if its answer's headers
/// have not come by then, and logged. The attempt's answer or failure comes back as an <see cref="Outcome{TResult}"/>
/// (never thrown), which <see cref="ConnectHttpClient"/> and its retry pipeline decide on: a timeout is a
/// <see cref="TimeoutRejectedException"/>, the caller's cancellation the transport's <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// Every attempt of a call, the first and each retry, is sent here, so each has the same timeout. The timeout is not a
/// strategy of the Polly pipeline: the first attempt is sent without entering the pipeline (an answer that is not retried,
/// nearly every one, never pays the pipeline's layers of asynchronous calls), and the pipeline sends only the retries.
/// </remarks>
internal sealed partial class ConnectAttemptSender(IConnectTransport transport, TimeSpan requestTimeout, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Sends the call's next attempt; the caller's cancellation ends it, and so does the attempt's timeout.</summary>
    /// <param name="call">The call; its attempt count goes up by one.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <returns>The answer (to dispose), or the exception that ended the attempt.</returns>
    public async ValueTask<Outcome<ConnectResponse>> SendAsync(ConnectResiliencePipeline.CallState call, CancellationToken cancellationToken)
    {
        var attempt = call.StartAttempt();
        var request = call.Request;
        LogSending(logger, request.Method.Method, request.RelativeTarget, attempt);
        var timed = logger.IsEnabled(LogLevel.Debug);
        var started = timed ? timeProvider.GetTimestamp() : 0;
        using var timeout = new CancellationTokenSource(requestTimeout, timeProvider);
        using var caller = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeout);
        try
        {
            var answer = await transport.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (timed)
            {
                LogAnswer(logger, request.Method.Method, request.RelativeTarget, answer.StatusCode, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds, attempt);
            }

            return Outcome.FromResult(answer);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Outcome.FromException<ConnectResponse>(new TimeoutRejectedException("the attempt timed out before its answer's headers came", requestTimeout, e));
        }
        catch (Exception e)
        {
            return Outcome.FromException<ConnectResponse>(e);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Connect {Method} /{Target}: attempt {Attempt}")]
    private static partial void LogSending(ILogger logger, string method, string target, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Connect {Method} /{Target}: HTTP {Status} in {DurationMs} ms (attempt {Attempt})")]
    private static partial void LogAnswer(ILogger logger, string method, string target, int status, long durationMs, int attempt);
}
