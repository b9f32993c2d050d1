using System.Net;
using System.Net.Sockets;
using System.Text;
using Connector.Core.Listening;
using Connector.Core.Testing;
using Connector.Sandbox.Events;
using Connector.Tests.Operations.AgainstSandbox;
using NUnit.Framework;

namespace Connector.Tests.Operations.Listen;

/// <summary>The webhook receiver of the LISTEN operation, fed by hand-made calls and by the sandbox's own webhooks.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class WebhookListenAgainstSandboxTests : AgainstSandboxFixture
{
    private const string Secret = "a-webhook-secret-of-at-least-32-bytes!";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Forged_expired_and_unsigned_deliveries_are_refused_with_401_and_emit_nothing()
    {
        var collector = new ListenEventCollector();
        await using var receiver = await ReceiverAsync(collector, capacity: 8);
        var body = """{"id":"PR-1","status":"pending"}""";
        var now = DateTimeOffset.UtcNow;

        var forged = await PostAsync(receiver.Address, body, ("Authentication", WebhookJwt.Sign("WH-1", "another-secret-that-is-long-enough-too", now)));
        var expired = await PostAsync(receiver.Address, body, ("Authentication", WebhookJwt.Sign("WH-1", Secret, now.AddHours(-1))));
        var unsigned = await PostAsync(receiver.Address, body);
        var wrongHeader = await PostAsync(receiver.Address, body, ("Authorization", WebhookJwt.Sign("WH-1", Secret, now)));
        var garbage = await PostAsync(receiver.Address, body, ("Authentication", "not.a.token"));
        var valid = await PostAsync(receiver.Address, body, ("Authentication", WebhookJwt.Sign("WH-1", Secret, now)));
        using var stop = new CancellationTokenSource(Patience);
        await collector.WaitForAsync(1, stop.Token);

        Assert.That(new[] { forged, expired, unsigned, wrongHeader, garbage }, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(valid, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(collector.Events.Select(e => e.ObjectId), Is.EqualTo(new[] { "PR-1" }), "only the valid delivery is emitted");
        Assert.That(Encoding.UTF8.GetString(collector.Events[0].Json.Span), Is.EqualTo(body));
    }

    [Test]
    public async Task Under_back_pressure_the_receiver_answers_503_and_loses_nothing_the_sandbox_retries()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = new ListenEventCollector();
        var product = (string)Sandbox.Store.Query("products", "limit=1")[0]["id"]!;
        var port = FreePort();
        await using var receiver = await ReceiverAsync(new GatedSink(gate.Task, collector), capacity: 1, port, new Uri($"http://127.0.0.1:{port}/connect"), product);
        using var stop = new CancellationTokenSource(Patience);
        await receiver.Registered.WaitAsync(stop.Token);

        var created = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (response, json) = await Raw.PostAsync("requests", System.Text.Json.Nodes.JsonNode.Parse($$$"""{"type":"purchase","asset":{"external_id":"webhook-{{{i}}}","product":{"id":"{{{product}}}"},"items":[]}}"""));
            Assert.That((int)response.StatusCode, Is.EqualTo(201), json?.ToJsonString());
            created.Add((string)json!["id"]!);
        }

        await Sandbox.Webhooks.WaitForDeliveriesAsync(log => log.Any(d => d.Status == 503), stop.Token);
        gate.SetResult();
        await collector.WaitForAsync(created.Count, stop.Token);
        await Sandbox.Webhooks.WaitForDeliveriesAsync(log => log.Count(d => d.Delivered && created.Contains(d.ObjectId)) == created.Count, stop.Token);

        Assert.That(collector.Events.Select(e => e.ObjectId), Is.EqualTo(created), "each created request once, in order");
        var delivered = Encoding.UTF8.GetString(collector.Events[0].Json.Span);
        Assert.That(delivered, Does.Contain("+00:00").And.Not.Contain("\\u002B"), "dates are delivered as Connect writes them, '+' unescaped");
        var mine = Sandbox.Webhooks.Deliveries.Where(d => created.Contains(d.ObjectId)).ToList();
        Assert.That(mine.Where(d => d.Status == 503), Is.Not.Empty, "the receiver pushed back");
        Assert.That(mine.Where(d => d.Delivered).Select(d => d.ObjectId), Is.EqualTo(created), "the sandbox's retries got every one through, once");
    }

    [Test]
    public async Task Registering_creates_an_active_webhook_and_stopping_deactivates_it()
    {
        var product = (string)Sandbox.Store.Query("products", "limit=1&offset=1")[0]["id"]!;
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/registered");
        var collector = new ListenEventCollector();
        string id;
        await using (var receiver = await ReceiverAsync(collector, capacity: 8, port, url, product))
        {
            id = await receiver.Registered;
            var hook = Sandbox.Webhooks.Registered.Single(h => (string?)h["id"] == id);
            Assert.That((bool)hook["active"]!, Is.True);
            Assert.That((string?)hook["external_url"], Is.EqualTo(url.ToString()));
            Assert.That((string?)hook["object_class"], Is.EqualTo("fulfillment_request"));

            var (trigger, _) = await Raw.PostAsync($"notifications/webhooks/{id}/trigger");
            Assert.That((int)trigger.StatusCode, Is.EqualTo(200));
            using var stop = new CancellationTokenSource(Patience);
            await collector.WaitForAsync(1, stop.Token);
        }

        Assert.That((bool)Sandbox.Webhooks.Registered.Single(h => (string?)h["id"] == id)["active"]!, Is.False, "deactivated on stop");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<HttpStatusCode> PostAsync(Uri address, string body, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<RunningReceiver> ReceiverAsync(IListenEventSink sink, int capacity, int port = 0, Uri? register = null, string? product = null)
    {
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = new WebhookListenSettings(port, Secret)
        {
            QueueCapacity = capacity,
            RegisterUrl = register,
            RegisterScope = product,
            OnListening = listening.SetResult,
            OnRegistered = registered.SetResult,
        };
        var stop = new CancellationTokenSource();
        var run = Tester.ListenAsync("request", new ListenRequest { Webhook = settings }, sink, cancellationToken: stop.Token);
        var address = await listening.Task.WaitAsync(Patience);
        return new RunningReceiver(address, registered.Task, run, stop);
    }

    private sealed record RunningReceiver(Uri Address, Task<string> Registered, Task Run, CancellationTokenSource Stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Run;
            Stop.Dispose();
        }
    }

    /// <summary>A downstream that cannot take anything until the gate opens (a stalled pipe).</summary>
    private sealed class GatedSink(Task gate, IListenEventSink inner) : IListenEventSink
    {
        public async ValueTask OnEventAsync(ListenEvent listenEvent, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            await inner.OnEventAsync(listenEvent, cancellationToken);
        }
    }
}
