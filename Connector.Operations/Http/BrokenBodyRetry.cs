using Connector.Operations.Http.Errors;

namespace Connector.Operations.Http;

/// <summary>
/// Retries an idempotent call whose answer broke while its body was being read (after its status and headers), and
/// names the outcome of one whose body broke.
/// </summary>
internal static class BrokenBodyRetry
{
    /// <summary>
    /// Runs an idempotent call whose answer is read inside <paramref name="call"/>, running it again (up to
    /// <paramref name="retries"/> more times) when its body breaks mid-read: a connection reset, a body that stopped
    /// arriving, or JSON cut short. Malformed or oversized content is not asked for again: it would come back the same.
    /// With no retries (a POST) the call's own task is returned: no loop awaits it.
    /// </summary>
    public static Task<T> RetryAsync<T>(int retries, Func<Task<T>> call, CancellationToken cancellationToken) =>
        retries <= 0 ? call() : RetryLoopAsync(retries, call, cancellationToken);

    private static async Task<T> RetryLoopAsync<T>(int retries, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < retries && ex is Inbound.TruncatedJsonException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // The answer broke mid-body: ask again.
            }
        }
    }

    /// <summary>The transport error for it; a non-idempotent request's outcome is unknown (the server may have processed it).</summary>
    public static ConnectTransportException For(ConnectRequest request, IOException cause) => new(
        $"the connection broke while the answer to {request} was being read ({cause.Message})"
        + (request.Idempotent
            ? string.Empty
            : "; the outcome is unknown: the server may have processed the request, so it was not sent again; check the object before sending it again"),
        ConnectTransportFailure.ConnectionLost,
        1,
        outcomeUnknown: !request.Idempotent,
        cause);
}
