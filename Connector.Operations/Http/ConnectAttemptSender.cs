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
        using var attempt = Start(call, cancellationToken);
        try
        {
            return attempt.Answered(await attempt.Answer.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            return attempt.Failed(e);
        }
    }

    /// <summary>
    /// Starts the call's next attempt for a caller that awaits its <see cref="Attempt.Answer"/> in its own frame (the first
    /// attempt of every call, in <see cref="ConnectHttpClient"/>: no asynchronous method of its own around it), then
    /// hands the answer to <see cref="Attempt.Answered"/> or the exception to <see cref="Attempt.Failed"/>, and disposes
    /// the attempt. <see cref="SendAsync"/> is that sequence for the retry pipeline.
    /// </summary>
    /// <param name="call">The call; its attempt count goes up by one.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public Attempt Start(ConnectResiliencePipeline.CallState call, CancellationToken cancellationToken)
    {
        var number = call.StartAttempt();
        var request = call.Request;
        LogSending(logger, request.Method.Method, request.RelativeTarget, number);
        var started = logger.IsEnabled(LogLevel.Debug) ? timeProvider.GetTimestamp() : (long?)null;
        var timeout = new CancellationTokenSource(requestTimeout, timeProvider);
        CancellationTokenRegistration caller;
        try
        {
            caller = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeout);
        }
        catch
        {
            timeout.Dispose();
            throw;
        }

        Task<ConnectResponse> answer;
        try
        {
            answer = transport.SendAsync(request, timeout.Token);
        }
        catch (Exception e)
        {
            answer = Task.FromException<ConnectResponse>(e);
        }

        return new Attempt(this, request, number, started, timeout, caller, answer, cancellationToken);
    }

    /// <summary>
    /// One attempt under way: its answer to await, then its outcome. Disposing it releases its timeout and its hold on the
    /// caller's cancellation.
    /// </summary>
    internal readonly struct Attempt(
        ConnectAttemptSender sender,
        ConnectRequest request,
        int number,
        long? started,
        CancellationTokenSource timeout,
        CancellationTokenRegistration caller,
        Task<ConnectResponse> answer,
        CancellationToken cancellationToken) : IDisposable
    {
        /// <summary>The transport's answer; a transport failure, the timeout or the caller's cancellation faults it.</summary>
        public Task<ConnectResponse> Answer => answer;

        /// <summary>The outcome of an attempt answered in time (logged with its duration when debug logging is on).</summary>
        public Outcome<ConnectResponse> Answered(ConnectResponse response)
        {
            if (started is { } start)
            {
                sender.LogAnswered(request, response.StatusCode, start, number);
            }

            return Outcome.FromResult(response);
        }

        /// <summary>
        /// The outcome of an attempt that failed: a <see cref="TimeoutRejectedException"/> when the attempt's timeout
        /// (not the caller) cancelled it, else the exception as it is.
        /// </summary>
        public Outcome<ConnectResponse> Failed(Exception exception) =>
            exception is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? Outcome.FromException<ConnectResponse>(sender.TimedOut(exception))
                : Outcome.FromException<ConnectResponse>(exception);

        /// <inheritdoc />
        public void Dispose()
        {
            caller.Dispose();
            timeout.Dispose();
        }
    }

    private void LogAnswered(ConnectRequest request, int status, long started, int number) =>
        LogAnswer(logger, request.Method.Method, request.RelativeTarget, status, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds, number);

    private TimeoutRejectedException TimedOut(Exception cancellation) =>
        new("the attempt timed out before its answer's headers came", requestTimeout, cancellation);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Connect {Method} /{Target}: attempt {Attempt}")]
    private static partial void LogSending(ILogger logger, string method, string target, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Connect {Method} /{Target}: HTTP {Status} in {DurationMs} ms (attempt {Attempt})")]
    private static partial void LogAnswer(ILogger logger, string method, string target, int status, long durationMs, int attempt);
}
