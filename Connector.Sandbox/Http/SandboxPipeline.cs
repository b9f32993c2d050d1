using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Connector.Sandbox.Http;

/// <summary>The middleware in front of every endpoint: request log, fault injection, then authentication.</summary>
internal sealed partial class SandboxPipeline(SandboxRequestLog log, FaultInjector faults, string apiKey, TimeProvider clock)
{
    public const string ApiPrefix = "/public/v1";
    private const int MaxLoggedBody = 64 * 1024;
    private readonly string expectedAuthorization = "ApiKey " + apiKey;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/_sandbox", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var timestamp = clock.GetUtcNow();
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        var entry = new LoggedOnce(log, context, path, body, timestamp);

        // The entry is written when the answer starts, before its first byte leaves: a client that reads the log
        // right after its call returns always finds it. A request that never answers (aborted) is logged at the end.
        context.Response.OnStarting(static state => ((LoggedOnce)state).WriteAsync(), entry);
        try
        {
            var rule = faults.Next(context.Request.Method, path);
            if (rule is null)
            {
                await AuthenticatedAsync(context, next).ConfigureAwait(false);
            }
            else
            {
                await FaultAsync(context, next, rule).ConfigureAwait(false);
            }
        }
        finally
        {
            await entry.WriteAsync().ConfigureAwait(false);
        }
    }

    private async Task AuthenticatedAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await AuthorizedAsync(context, next).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await ConnectResponses.Error(context, StatusCodes.Status500InternalServerError, "SYS_001", "Sandbox error: " + ex.Message, ex.GetType().Name + " at " + ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()).ConfigureAwait(false);
        }
    }

    private async Task AuthorizedAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.Ordinal)
            && !string.Equals(context.Request.Headers.Authorization.ToString(), expectedAuthorization, StringComparison.Ordinal))
        {
            await ConnectResponses.Error(context, StatusCodes.Status401Unauthorized, "AUTH_001", "API request is unauthorized.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return string.Empty;
        }

        request.EnableBuffering();
        var buffer = new byte[MaxLoggedBody];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        request.Body.Position = 0;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private async Task FaultAsync(HttpContext context, RequestDelegate next, FaultRule rule)
    {
        if (rule.Kind is FaultKind.ResetMidBody or FaultKind.TruncatedJson or FaultKind.MissingContentRange or FaultKind.WrongContentRange)
        {
            await SpoilAnswerAsync(context, next, rule.Kind).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        switch (rule.Kind)
        {
            case FaultKind.TooManyRequests:
                response.Headers.RetryAfter = rule.RetryAfter ?? "1";
                await ConnectResponses.Error(context, StatusCodes.Status429TooManyRequests, "RATE_LIMIT", "Too many requests, retry later.").ConfigureAwait(false);
                return;
            case FaultKind.ServerError500:
                await ConnectResponses.Error(context, StatusCodes.Status500InternalServerError, "SYS_001", "Internal server error.").ConfigureAwait(false);
                return;
            case FaultKind.BadGateway502:
                await ConnectResponses.Bytes(context, StatusCodes.Status502BadGateway, ConnectResponses.Utf8("<html><body><h1>502 Bad Gateway</h1></body></html>"), "text/html").ConfigureAwait(false);
                return;
            case FaultKind.ServiceUnavailable503:
                if (rule.RetryAfter is not null)
                {
                    response.Headers.RetryAfter = rule.RetryAfter;
                }

                await ConnectResponses.Bytes(context, StatusCodes.Status503ServiceUnavailable, ConnectResponses.Utf8("<html><body><h1>503 Service Unavailable</h1></body></html>"), "text/html").ConfigureAwait(false);
                return;
            case FaultKind.Latency:
                await Task.Delay(rule.Delay ?? TimeSpan.FromSeconds(1), clock, context.RequestAborted).ConfigureAwait(false);
                await AuthenticatedAsync(context, next).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The faults that change a normal answer: it is produced into a buffer first, then sent spoiled.</summary>
    private async Task SpoilAnswerAsync(HttpContext context, RequestDelegate next, FaultKind kind)
    {
        var response = context.Response;
        var original = response.Body;
        using var captured = new MemoryStream();
        response.Body = captured;
        try
        {
            await AuthenticatedAsync(context, next).ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }

        var bytes = captured.ToArray();
        switch (kind)
        {
            case FaultKind.ResetMidBody:
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.TruncatedJson:
                bytes = bytes.Length > 1 ? bytes[..Math.Max(1, bytes.Length / 2)] : "{\"id\":"u8.ToArray();
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = ConnectResponses.JsonContentType;
                break;
            case FaultKind.MissingContentRange:
                response.Headers.Remove("Content-Range");
                break;
            default:
                response.Headers["Content-Range"] = WrongRange(response.Headers["Content-Range"].ToString());
                break;
        }

        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A Content-Range that contradicts the real one: every number off by one (total one less).</summary>
    internal static string WrongRange(string header)
    {
        var match = RangePattern().Match(header);
        if (!match.Success)
        {
            return "items 0-9/5";
        }

        var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var last = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var total = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"items {first + 1}-{last + 1}/{Math.Max(0, total - 1)}");
    }

    [GeneratedRegex(@"^items (\d+)-(\d+)/(\d+)$")]
    private static partial Regex RangePattern();

    /// <summary>The log entry of one request, added exactly once with the status the client receives.</summary>
    private sealed class LoggedOnce(SandboxRequestLog log, HttpContext context, string path, string body, DateTimeOffset timestamp)
    {
        private int written;

        public Task WriteAsync()
        {
            if (Interlocked.Exchange(ref written, 1) == 0)
            {
                var query = context.Request.QueryString.Value ?? string.Empty;
                log.Add(new SandboxRequestLogEntry(context.Request.Method, path, query.StartsWith('?') ? query[1..] : query, body, context.Response.StatusCode, timestamp));
            }

            return Task.CompletedTask;
        }
    }
}
