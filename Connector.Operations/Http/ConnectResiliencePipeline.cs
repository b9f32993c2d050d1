using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Connector.Operations.Http;

/// <summary>
/// The Polly retry pipeline of a call whose first attempt's outcome is retried (<see cref="ConnectHttpClient"/> sends the
/// first attempt itself and enters the pipeline only then), and the rules of what is retried.
/// </summary>
/// <remarks>
/// Each attempt, the first and every retry, is sent by <see cref="ConnectAttemptSender"/>, with the per-attempt timeout
/// (<see cref="ConnectionSettings.RequestTimeout"/>); its timeout is a <see cref="TimeoutRejectedException"/>.
/// Retried: 429 and 503 for every method (the request was not processed), honouring Retry-After capped by
/// <see cref="ConnectionSettings.RetryMaxDelay"/>; connections that certainly never carried the request (refused,
/// unresolvable host) for every method; 500, 502, 504, timeouts and broken connections only for idempotent
/// requests, with exponential backoff and jitter. Attempts = 1 + <see cref="ConnectionSettings.MaxRetries"/>.
/// Cancellation by the caller is never retried. A response that is retried is disposed.
/// </remarks>
internal static class ConnectResiliencePipeline
{
    /// <summary>The per-call state stored in the <see cref="ResilienceContext"/>.</summary>
    internal static readonly ResiliencePropertyKey<CallState> CallStateKey = new("connect.call");

    /// <summary>Builds the retry pipeline for one connection (a pipeline that retries nothing when <see cref="ConnectionSettings.MaxRetries"/> is 0).</summary>
    /// <param name="settings">Already validated; its retry limit and delays shape the pipeline.</param>
    /// <param name="timeProvider">Time for delays and timeouts.</param>
    /// <param name="onRetry">Called before each wait (for logging), with the call, the reason and the delay.</param>
    public static ResiliencePipeline<ConnectResponse> Build(ConnectionSettings settings, TimeProvider timeProvider, Action<CallState, string, TimeSpan>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new ResiliencePipelineBuilder<ConnectResponse> { TimeProvider = timeProvider };
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ConnectResponse>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome, settings.RetryMaxDelay, timeProvider)),
                OnRetry = args =>
                {
                    var reason = Describe(args.Outcome);
                    args.Outcome.Result?.Dispose();
                    if (args.Context.Properties.TryGetValue(CallStateKey, out var state))
                    {
                        onRetry?.Invoke(state, reason, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>Whether an attempt's outcome is retried, given the call's idempotency.</summary>
    internal static bool ShouldRetry(Outcome<ConnectResponse> outcome, ResilienceContext context) =>
        ShouldRetry(outcome, context.Properties.TryGetValue(CallStateKey, out var state) && state.Request.Idempotent, context.CancellationToken);

    /// <summary>Whether an attempt's outcome is retried, given the request's idempotency and the caller's cancellation.</summary>
    internal static bool ShouldRetry(Outcome<ConnectResponse> outcome, bool idempotent, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                OperationCanceledException when cancellationToken.IsCancellationRequested => false,
                TimeoutRejectedException => idempotent,
                TransportFailureException failure => failure.Transient && (failure.CertainlyNotSent || idempotent),
                _ => false,
            };
        }

        return outcome.Result?.StatusCode switch
        {
            429 or 503 => true,
            500 or 502 or 504 => idempotent,
            _ => false,
        };
    }

    /// <summary>The wait a 429 or 503 asks for with Retry-After (capped), or null for the exponential backoff.</summary>
    internal static TimeSpan? RetryAfterDelay(Outcome<ConnectResponse> outcome, TimeSpan maxDelay, TimeProvider timeProvider)
    {
        if (outcome.Result is not { StatusCode: 429 or 503 } response)
        {
            return null;
        }

        var wait = RetryAfterHeader.Parse(response.RetryAfter, timeProvider.GetUtcNow());
        return wait is null ? null : (wait.Value > maxDelay ? maxDelay : wait.Value);
    }

    private static string Describe(Outcome<ConnectResponse> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "timeout",
        TransportFailureException failure => failure.Message,
        { } other => other.GetType().Name,
        null => "HTTP " + outcome.Result?.StatusCode,
    };

    /// <summary>What the pipeline knows about the call in progress.</summary>
    internal sealed class CallState(ConnectRequest request)
    {
        private int _attempts;

        /// <summary>The request every attempt of this call sends (the same instance each time: its body must be re-sendable).</summary>
        public ConnectRequest Request { get; } = request;

        /// <summary>How many attempts were started.</summary>
        public int Attempts => Volatile.Read(ref _attempts);

        /// <summary>The first attempt's outcome, sent before the pipeline was entered: its first execution takes it instead of sending.</summary>
        public Outcome<ConnectResponse>? FirstOutcome { get; set; }

        /// <summary>Counts a new attempt and returns its number (1-based).</summary>
        public int StartAttempt() => Interlocked.Increment(ref _attempts);

        /// <summary>Returns <see cref="FirstOutcome"/> once, then null.</summary>
        public Outcome<ConnectResponse>? TakeFirstOutcome()
        {
            var first = FirstOutcome;
            FirstOutcome = null;
            return first;
        }
    }
}
