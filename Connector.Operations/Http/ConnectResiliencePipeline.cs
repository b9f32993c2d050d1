using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Connector.Operations.Http;

/// <summary>
/// The Polly pipeline around one call: retry (outer) and a per-attempt timeout (inner).
/// </summary>
/// <remarks>
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

    /// <summary>Builds the pipeline for one connection.</summary>
    /// <param name="settings">Already validated; its retry limit, delays and per-attempt timeout shape the pipeline.</param>
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

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.RequestTimeout });
        return builder.Build();
    }

    /// <summary>Whether an attempt's outcome is retried, given the call's idempotency.</summary>
    internal static bool ShouldRetry(Outcome<ConnectResponse> outcome, ResilienceContext context)
    {
        var idempotent = context.Properties.TryGetValue(CallStateKey, out var state) && state.Request.Idempotent;
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                OperationCanceledException when context.CancellationToken.IsCancellationRequested => false,
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

        /// <summary>Counts a new attempt and returns its number (1-based).</summary>
        public int StartAttempt() => Interlocked.Increment(ref _attempts);
    }
}
