using System.Text.Json;
using System.Threading.Channels;
using Connector.LoopbackHosting;
using Connector.Core.Listening;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Operations.Listen.Webhooks;

/// <summary>
/// Receives Connect's webhook deliveries on 127.0.0.1 (Kestrel): each POST needs a valid HS256 token in the
/// <c>Authentication</c> header (else 401, nothing emitted); its body, the changed object, is queued and answered
/// 200. The queue is bounded: when the sink (the downstream pipe) cannot keep up and the queue is full, a delivery is
/// answered 503 with Retry-After and not kept, so Connect sends it again later and nothing accepted is lost. On stop
/// the receiver stops accepting, then hands every queued delivery to the sink.
/// </summary>
internal sealed partial class WebhookReceiver(WebhookListenSettings settings, TimeProvider time, ILogger logger)
{
    /// <summary>The largest delivery accepted (1 MiB); a larger one is answered 413.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Receives until cancelled, handing deliveries to <paramref name="sink"/> in arrival order.</summary>
    /// <param name="sink">Where deliveries go.</param>
    /// <param name="started">Called once the receiver accepts connections (registration happens there).</param>
    /// <param name="cancellationToken">Stops receiving.</param>
    public async Task RunAsync(IListenEventSink sink, Func<Uri, Task> started, CancellationToken cancellationToken)
    {
        WebhookSignature signature;
        try
        {
            signature = new WebhookSignature(settings.Secret, time);
        }
        catch (ArgumentException ex)
        {
            throw new ListenFailedException(ex.Message.Split(" (Parameter", 2)[0]);
        }

        var queue = Channel.CreateBounded<ListenEvent>(new BoundedChannelOptions(Math.Max(1, settings.QueueCapacity)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var app = Build(signature, queue.Writer);
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new ListenFailedException($"cannot receive webhooks on 127.0.0.1:{settings.Port}: {ex.Message}", ex);
            }

            var address = LoopbackWebApplication.RootOf(app);
            var pump = PumpAsync(queue.Reader, sink);
            try
            {
                await started(address).ConfigureAwait(false);
                await Task.WhenAny(pump, Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken)).ConfigureAwait(false);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                queue.Writer.TryComplete();
                await pump.ConfigureAwait(false);
            }
        }
    }

    private WebApplication Build(WebhookSignature signature, ChannelWriter<ListenEvent> queue)
    {
        var builder = LoopbackWebApplication.CreateBuilder(typeof(WebhookReceiver), settings.Port, MaxBodyBytes);
        var app = builder.Build();
        app.Run(context => AcceptAsync(context, signature, queue));
        return app;
    }

    private async Task AcceptAsync(HttpContext context, WebhookSignature signature, ChannelWriter<ListenEvent> queue)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await AnswerAsync(context, StatusCodes.Status405MethodNotAllowed, "only POST deliveries are accepted").ConfigureAwait(false);
            return;
        }

        if (!await signature.IsValidAsync(context.Request.Headers[WebhookSignature.HeaderName].ToString()).ConfigureAwait(false))
        {
            LogRefused(logger, context.Request.Headers.ContainsKey(WebhookSignature.HeaderName) ? "an invalid or expired token" : "no Authentication header");
            await AnswerAsync(context, StatusCodes.Status401Unauthorized, "a valid token is required in the Authentication header").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await AnswerAsync(context, StatusCodes.Status413PayloadTooLarge, $"a delivery may have at most {MaxBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        if (ObjectId(body) is not { } id)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, "the body must be the changed object: JSON with a string id").ConfigureAwait(false);
            return;
        }

        if (!queue.TryWrite(new ListenEvent(id, body, null, null)))
        {
            LogBusy(logger, id);
            context.Response.Headers.RetryAfter = "1";
            await AnswerAsync(context, StatusCodes.Status503ServiceUnavailable, "the receiver is busy; send it again later").ConfigureAwait(false);
            return;
        }

        await AnswerAsync(context, StatusCodes.Status200OK, "accepted").ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? ObjectId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task AnswerAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message }), context.RequestAborted);
    }

    private static async Task PumpAsync(ChannelReader<ListenEvent> queue, IListenEventSink sink)
    {
        await foreach (var delivery in queue.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await sink.OnEventAsync(delivery, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook delivery: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered 503 to the delivery of {ObjectId}: the queue is full")]
    private static partial void LogBusy(ILogger logger, string objectId);
}
