using Connector.Host;
using Connector.Sandbox;
using Connector.Tests.Operations.Http;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>
/// End to end, as a user runs it: <c>connector listen request --webhook --register URL</c> as a child process against a
/// sandbox registers its webhook; requests approved by <c>connector exec request APPROVE</c> (another child process)
/// reach it as signed sandbox deliveries and come out on its stdout as JSON lines; SIGTERM deactivates the webhook.
/// </summary>
[TestFixture]
[Category("Sandbox")]
[NonParallelizable]
public sealed class HostWebhookRegisterTests
{
    private const string Template = "TL-0042-0000-0000-01";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private ConnectSandbox _sandbox = null!;
    private string _secretFile = null!;

    [OneTimeSetUp]
    public async Task StartSandboxAsync()
    {
        _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, RecordsPerType = 40 });
        _secretFile = Path.Combine(Path.GetTempPath(), "webhook-secret-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(_secretFile, "whs-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") + "\n");
    }

    [OneTimeTearDown]
    public async Task StopSandboxAsync()
    {
        File.Delete(_secretFile);
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task A_registered_receiver_prints_the_requests_approved_through_the_cli_and_deactivates_its_webhook_on_SIGTERM()
    {
        var pending = _sandbox.Store.Query("requests", "eq(status,pending)&limit=1").Single();
        var product = (string)pending["asset"]!["product"]!["id"]!;
        var port = HttpTestSupport.FindClosedPort();
        var url = $"http://127.0.0.1:{port}/connect";
        using var receiver = ConnectorProcess.Start(
            ["listen", "request", "--webhook", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--secret-file", _secretFile, "--register", url, "--product", product, .. Connection()]);
        var received = new ReceivedLines(receiver.Process.StandardOutput);
        var registered = await receiver.WaitForStderrLineAsync(l => l.StartsWith("registered webhook ", StringComparison.Ordinal), Patience);
        var hookId = registered.Split(' ')[2];
        var hook = _sandbox.Webhooks.Registered.Single(h => (string?)h["id"] == hookId);
        Assert.That((bool?)hook["active"], Is.True);
        Assert.That((string?)hook["external_url"], Is.EqualTo(url));
        Assert.That((string?)hook["object_class"], Is.EqualTo("fulfillment_request"));
        Assert.That((string?)hook["product"]?["id"], Is.EqualTo(product));
        Assert.That((string?)hook["jwt_secret"] == Secret(), Is.True, "the webhook signs with the secret from --secret-file");

        // A second pending request of the product, created through the CLI too (the seed has one per product).
        var created = await RunCliAsync(string.Empty, "create", "request", "--set", "type=purchase", "--set", "asset.external_id=webhook-e2e", "--set", "asset.product.id=" + product, "--set", "asset.items=[]");
        var approve = new List<string> { (string)pending["id"]!, (string)created.Single()["id"]! };
        var approved = await RunCliAsync(string.Concat(approve.Select(id => $"{{\"id\":\"{id}\"}}\n")), "exec", "request", "APPROVE", "--set", "template_id=" + Template);
        Assert.That(approved.Select(r => (string?)r["status"]), Is.EqualTo(new[] { "approved", "approved" }));

        var lines = await received.WaitForAsync(seen => approve.All(id => seen.Any(r => (string?)r["id"] == id && (string?)r["status"] == "approved")), Patience);
        var deliveries = _sandbox.Webhooks.Deliveries.Where(d => d.WebhookId == hookId).ToList();
        Assert.That(deliveries.Where(d => d.Delivered).Select(d => d.ObjectId).Distinct(), Is.EquivalentTo(approve), "the sandbox delivered the creation and the approvals to the receiver");
        Assert.That(deliveries.Select(d => d.Status), Is.All.EqualTo(200), "the receiver accepted every signed token");
        Assert.That(lines.Where(r => (string?)r["status"] == "approved").Select(r => (string?)r["id"]), Is.EquivalentTo(approve), "each approval printed once");
        Assert.That(lines.Where(r => (string?)r["status"] == "pending").Select(r => (string?)r["id"]), Is.EqualTo(new[] { approve[1] }), "and the creation");
        Assert.That(lines.Select(r => (string?)r["asset"]?["product"]?["id"]), Is.All.EqualTo(product), "only the registered product's requests");

        receiver.Signal("TERM");
        var exit = await receiver.WaitForExitAsync(Patience);
        await received.Completion.WaitAsync(Patience);

        Assert.That(exit, Is.EqualTo(ExitCodes.Terminated), receiver.Stderr);
        Assert.That((bool?)_sandbox.Webhooks.Registered.Single(h => (string?)h["id"] == hookId)["active"], Is.False, "deactivated on stop");
        Assert.That(receiver.Stderr, Does.Contain($"stopped: {lines.Count} changes printed"));
        Assert.That(receiver.Stderr.Contains(Secret(), StringComparison.Ordinal) || received.Text.Contains(Secret(), StringComparison.Ordinal), Is.False, "the secret is never printed");
    }

    /// <summary>Runs <c>connector ARGS</c> on the sandbox as a child process with <paramref name="stdin"/>; it must succeed; its stdout as JSON lines.</summary>
    private async Task<List<JObject>> RunCliAsync(string stdin, params string[] args)
    {
        using var child = ConnectorProcess.Start([.. args, .. Connection()]);
        var stdout = child.Process.StandardOutput.ReadToEndAsync();
        await child.Process.StandardInput.WriteAsync(stdin);
        child.Process.StandardInput.Close();
        Assert.That(await child.WaitForExitAsync(Patience), Is.EqualTo(ExitCodes.Success), child.Stderr);
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
    }

    private string[] Connection() => ["--url", _sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey];

    private string Secret() => File.ReadAllLines(_secretFile)[0];

    /// <summary>A child's stdout read as JSON lines while it runs.</summary>
    private sealed class ReceivedLines
    {
        private readonly List<JObject> _lines = [];
        private readonly System.Text.StringBuilder _text = new();

        public ReceivedLines(StreamReader stdout) => Completion = ReadAsync(stdout);

        public Task Completion { get; }

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return _text.ToString();
                }
            }
        }

        /// <summary>Waits (polling, bounded) until the lines so far satisfy <paramref name="condition"/>; returns them.</summary>
        public async Task<List<JObject>> WaitForAsync(Func<List<JObject>, bool> condition, TimeSpan patience)
        {
            var deadline = DateTime.UtcNow + patience;
            while (true)
            {
                lock (_lines)
                {
                    if (condition(_lines))
                    {
                        return [.. _lines];
                    }
                }

                if (DateTime.UtcNow > deadline || Completion.IsCompleted)
                {
                    Assert.Fail($"the receiver printed {_lines.Count} line(s) without the expected ones:\n{Text}");
                }

                await Task.Delay(100);
            }
        }

        private async Task ReadAsync(StreamReader stdout)
        {
            while (await stdout.ReadLineAsync() is { } line)
            {
                lock (_lines)
                {
                    _text.Append(line).Append('\n');
                    _lines.Add(JObject.Parse(line));
                }
            }
        }
    }
}
