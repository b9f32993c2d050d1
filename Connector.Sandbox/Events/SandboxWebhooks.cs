using Connector.Sandbox.Data;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Connector.Sandbox.Events;

/// <summary>
/// The sandbox's webhooks (<c>/notifications/webhooks</c>) and their deliveries: when a record of a webhook's
/// <c>object_class</c> (and product) changes, the changed object is POSTed to the webhook's <c>external_url</c> with
/// an HS256 JWT in the <c>Authentication</c> header. Deliveries go one at a time, in change order; an answer other
/// than 2xx (a 503 from a receiver that cannot keep up) or no answer is retried with a doubling delay, at most
/// <see cref="MaxAttempts"/> times. Only loopback receivers are called (the sandbox never reaches the internet).
/// </summary>
public sealed class SandboxWebhooks : IAsyncDisposable
{
    /// <summary>The object classes Connect's webhooks support, and the sandbox collection behind each.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ObjectClasses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fulfillment_request"] = "requests",
        ["tier_config_request"] = "tier_config_requests",
        ["tier_account_request"] = "tier_account_requests",
        ["usage_file"] = "usage_files",
        ["listing_request"] = string.Empty,
        ["billing_request"] = string.Empty,
    };

    private const int QueueCapacity = 10_000;
    private const int LogCapacity = 10_000;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, JsonObject> hooks = new(StringComparer.Ordinal);
    private readonly Channel<(string WebhookId, JsonObject Record)> queue = Channel.CreateBounded<(string, JsonObject)>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    private readonly List<WebhookDelivery> log = [];
    private readonly List<(Func<IReadOnlyList<WebhookDelivery>, bool> Condition, TaskCompletionSource Met)> waiters = [];
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource stopping = new();
    private readonly TimeProvider clock;
    private readonly int seed;
    private readonly Task worker;
    private int nextId;

    internal SandboxWebhooks(TimeProvider clock, int seed)
    {
        this.clock = clock;
        this.seed = seed;
        worker = Task.Run(DeliverAllAsync);
    }

    /// <summary>How many times one event is offered to a receiver before the sandbox gives up on it (10).</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Every delivery attempt so far (the most recent 10,000).</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (log)
            {
                return [.. log];
            }
        }
    }

    /// <summary>The registered webhooks (copies).</summary>
    public IReadOnlyList<JsonObject> Registered => hooks.Values.Select(h => h.DeepClone().AsObject()).ToList();

    /// <summary>Waits until the delivery log satisfies <paramref name="condition"/> (tests wait on this instead of sleeping).</summary>
    /// <param name="condition">Checked after every attempt.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    public Task WaitForDeliveriesAsync(Func<IReadOnlyList<WebhookDelivery>, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        lock (log)
        {
            if (condition(log))
            {
                return Task.CompletedTask;
            }

            var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((condition, met));
            return met.Task.WaitAsync(cancellationToken);
        }
    }

    internal JsonObject? Get(string id) => hooks.TryGetValue(id, out var hook) ? hook.DeepClone().AsObject() : null;

    internal JsonObject Add(JsonObject hook, string now)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"WH-{Math.Abs(seed % 1000):D3}-{Interlocked.Increment(ref nextId):D3}-{0:D3}");
        hook["id"] = id;
        hook["created_at"] = now;
        hook["modified_at"] = now;
        hooks[id] = hook.DeepClone().AsObject();
        return hook;
    }

    internal JsonObject? Replace(string id, JsonObject hook, string now)
    {
        if (!hooks.ContainsKey(id))
        {
            return null;
        }

        hook["id"] = id;
        hook["modified_at"] = now;
        hooks[id] = hook.DeepClone().AsObject();
        return hook;
    }

    internal bool Remove(string id) => hooks.TryRemove(id, out _);

    /// <summary>Queues a delivery of <paramref name="record"/> to one webhook (the trigger endpoint).</summary>
    internal void Offer(string webhookId, JsonObject record) => Enqueue(webhookId, record.DeepClone().AsObject());

    /// <summary>Called by the store after a record of <paramref name="collection"/> was created or changed.</summary>
    internal void OnChanged(string collection, StoredRecord record)
    {
        foreach (var hook in hooks.Values)
        {
            if (hook["active"] is JsonValue active && active.TryGetValue<bool>(out var on) && on
                && ObjectClasses.TryGetValue((string?)hook["object_class"] ?? string.Empty, out var target) && target == collection
                && ProductMatches(hook, record.Node))
            {
                Enqueue((string)hook["id"]!, record.Copy());
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping ends pending deliveries.
        }

        http.Dispose();
        stopping.Dispose();
    }

    private static bool ProductMatches(JsonObject hook, JsonObject record)
    {
        var wanted = (string?)hook["product"]?["id"];
        var actual = (string?)record["asset"]?["product"]?["id"] ?? (string?)record["product"]?["id"] ?? (string?)record["configuration"]?["product"]?["id"];
        return wanted is null || actual is null || wanted == actual;
    }

    /// <summary>Queues a delivery of <paramref name="record"/>, a copy the delivery owns.</summary>
    private void Enqueue(string webhookId, JsonObject record)
    {
        if (!queue.Writer.TryWrite((webhookId, record)))
        {
            Record(new WebhookDelivery(webhookId, (string?)record["id"] ?? string.Empty, 0, 0, Delivered: false));
        }
    }

    private async Task DeliverAllAsync()
    {
        await foreach (var (webhookId, record) in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
        {
            await DeliverAsync(webhookId, record).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(string webhookId, JsonObject record)
    {
        var objectId = (string?)record["id"] ?? string.Empty;
        var body = Encoding.UTF8.GetBytes(record.ToJsonString(Data.SandboxJson.Options));
        var delay = FirstRetryDelay;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (!hooks.TryGetValue(webhookId, out var hook))
            {
                return;
            }

            var (status, retryAfter) = await PostAsync(hook, body).ConfigureAwait(false);
            var delivered = status is >= 200 and < 300;
            Record(new WebhookDelivery(webhookId, objectId, attempt, status, delivered));
            if (delivered)
            {
                return;
            }

            await Task.Delay(retryAfter is { } asked && asked < MaxRetryDelay ? asked : delay, clock, stopping.Token).ConfigureAwait(false);
            delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
        }
    }

    private async Task<(int Status, TimeSpan? RetryAfter)> PostAsync(JsonObject hook, byte[] body)
    {
        if (!Uri.TryCreate((string?)hook["external_url"], UriKind.Absolute, out var url) || !IsLoopback(url))
        {
            return (0, null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authentication", WebhookJwt.Sign((string)hook["id"]!, (string?)hook["jwt_secret"] ?? string.Empty, clock.GetUtcNow()));
        try
        {
            using var response = await http.SendAsync(request, stopping.Token).ConfigureAwait(false);
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta);
        }
        catch (HttpRequestException)
        {
            return (0, null);
        }
        catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (0, null);
        }
    }

    private void Record(WebhookDelivery delivery)
    {
        List<TaskCompletionSource> met = [];
        lock (log)
        {
            if (log.Count >= LogCapacity)
            {
                log.RemoveAt(0);
            }

            log.Add(delivery);
            foreach (var waiter in waiters.Where(w => w.Condition(log)).ToList())
            {
                waiters.Remove(waiter);
                met.Add(waiter.Met);
            }
        }

        met.ForEach(m => m.TrySetResult());
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
