using System.Globalization;
using Connector.Core.Results;
using Connector.Operations.Execution;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class ConnectHttpClientRetryTests
{
    private LoopbackConnectServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackConnectServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task Get_is_retried_on_server_errors(int status)
    {
        _server.Enqueue(ServerBehaviour.Json(status, "{\"error_code\":\"SYS_001\",\"errors\":[\"boom\"]}"));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        using var response = await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(_server.Received, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Get_is_retried_after_a_connection_reset()
    {
        _server.Enqueue(new ServerBehaviour { Abort = true });
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        using var response = await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(_server.Received, Has.Count.EqualTo(2));
        }
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    public async Task Post_is_not_retried_on_an_ambiguous_server_error(int status)
    {
        _server.Enqueue(ServerBehaviour.Json(status, "{\"error_code\":\"SYS_001\",\"errors\":[\"boom\"]}"));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var error = await HttpTestSupport.ThrowsAsync<ConnectServerException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests/PR-1/approve"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_server.Received, Has.Count.EqualTo(1));
            Assert.That(error.OutcomeUnknown, Is.True);
            Assert.That(error.StatusCode, Is.EqualTo(status));
            Assert.That(error.Message, Does.Contain("outcome is unknown"));
            Assert.That(error.Message, Does.StartWith($"HTTP {status} SYS_001: boom (POST /requests/PR-1/approve)"));
        }
    }

    [Test]
    public async Task Post_is_not_retried_after_a_connection_reset()
    {
        _server.Enqueue(new ServerBehaviour { Abort = true });
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var error = await HttpTestSupport.ThrowsAsync<ConnectTransportException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_server.Received, Has.Count.EqualTo(1));
            Assert.That(error.Failure, Is.EqualTo(ConnectTransportFailure.ConnectionLost));
            Assert.That(error.OutcomeUnknown, Is.True);
            Assert.That(error.Message, Does.Contain(_server.BaseUrl.GetLeftPart(UriPartial.Authority)));
            Assert.That(error.Message, Does.Contain("outcome is unknown"));
        }
    }

    [TestCase(429)]
    [TestCase(503)]
    public async Task Post_is_retried_when_the_server_says_it_did_not_process_it(int status)
    {
        _server.Enqueue(ServerBehaviour.Empty(status, ("Retry-After", "0")));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        using var response = await client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(_server.Received.Select(r => r.Method), Is.EqualTo(new[] { "POST", "POST" }));
        }
    }

    [Test]
    public async Task Post_is_retried_when_the_connection_is_refused()
    {
        var closedPort = HttpTestSupport.FindClosedPort();
        var baseUrl = new Uri($"http://127.0.0.1:{closedPort}/public/v1");
        var logger = new CapturingLogger();
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(baseUrl, maxRetries: 2), logger);

        var error = await HttpTestSupport.ThrowsAsync<ConnectTransportException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Failure, Is.EqualTo(ConnectTransportFailure.ConnectionRefused));
            Assert.That(error.Attempts, Is.EqualTo(3));
            Assert.That(error.OutcomeUnknown, Is.False);
            Assert.That(error.Message, Does.StartWith($"cannot reach http://127.0.0.1:{closedPort}: connection refused"));
            Assert.That(logger.Lines.Count(l => l.Contains("retrying in", StringComparison.Ordinal)), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Attempts_are_one_plus_max_retries()
    {
        _server.Enqueue(Enumerable.Repeat(ServerBehaviour.Empty(503), 10).ToArray());
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl, maxRetries: 2));

        var error = await HttpTestSupport.ThrowsAsync<ConnectServerException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_server.Received, Has.Count.EqualTo(3));
            Assert.That(error.Attempts, Is.EqualTo(3));
            Assert.That(error.StatusCode, Is.EqualTo(503));
            Assert.That(error.OutcomeUnknown, Is.False);
            Assert.That(error.Message, Does.Contain("3 attempts"));
        }
    }

    [Test]
    public async Task No_retries_when_max_retries_is_zero()
    {
        _server.Enqueue(ServerBehaviour.Empty(503));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl, maxRetries: 0));

        await HttpTestSupport.ThrowsAsync<ConnectServerException>(() => client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        Assert.That(_server.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Get_is_retried_after_a_timeout()
    {
        _server.Enqueue(new ServerBehaviour { Delay = TimeSpan.FromSeconds(10) });
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl, timeout: TimeSpan.FromMilliseconds(300)));

        using var response = await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(_server.Received, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Post_is_not_retried_after_a_timeout_and_the_outcome_is_unknown()
    {
        _server.Enqueue(new ServerBehaviour { Delay = TimeSpan.FromSeconds(10) });
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl, timeout: TimeSpan.FromMilliseconds(300)));

        var error = await HttpTestSupport.ThrowsAsync<ConnectTransportException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_server.Received, Has.Count.EqualTo(1));
            Assert.That(error.Failure, Is.EqualTo(ConnectTransportFailure.Timeout));
            Assert.That(error.OutcomeUnknown, Is.True);
            Assert.That(error.Message, Does.StartWith($"no answer from {_server.BaseUrl.GetLeftPart(UriPartial.Authority)} within 0.3 s (POST /requests)"));
        }
    }

    [Test]
    public async Task Retry_after_seconds_is_honoured()
    {
        _server.Enqueue(ServerBehaviour.Empty(429, ("Retry-After", "2")));
        var time = new FakeTimeProvider();
        var settings = HttpTestSupport.Defaults(_server.BaseUrl) with { RetryMaxDelay = TimeSpan.FromSeconds(30) };
        using var client = new ConnectHttpClient(settings, new CapturingLogger(), time);

        var advanced = await AdvanceUntilDoneAsync(time, client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(advanced, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(_server.Received, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Retry_after_http_date_is_honoured()
    {
        var time = new FakeTimeProvider();
        var date = time.GetUtcNow().AddSeconds(3).ToString("r", CultureInfo.InvariantCulture);
        _server.Enqueue(ServerBehaviour.Empty(503, ("Retry-After", date)));
        var logger = new CapturingLogger();
        var settings = HttpTestSupport.Defaults(_server.BaseUrl) with { RetryMaxDelay = TimeSpan.FromSeconds(30) };
        using var client = new ConnectHttpClient(settings, logger, time);

        var retrying = logger.WaitForAsync("retrying in");
        var call = client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None);

        // The clock moves only once the wait is decided: an HTTP-date read after the fake clock moved would shrink it.
        await retrying.WaitAsync(TimeSpan.FromSeconds(30));
        var advanced = await AdvanceUntilDoneAsync(time, call);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(advanced, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(logger.Lines, Has.Some.Contains("retrying in 3000 ms"));
        }
    }

    [Test]
    public async Task Retry_after_is_capped_by_the_max_delay()
    {
        _server.Enqueue(ServerBehaviour.Empty(429, ("Retry-After", "3600")));
        var time = new FakeTimeProvider();
        var logger = new CapturingLogger();
        var settings = HttpTestSupport.Defaults(_server.BaseUrl) with { RetryMaxDelay = TimeSpan.FromSeconds(2) };
        using var client = new ConnectHttpClient(settings, logger, time);

        var advanced = await AdvanceUntilDoneAsync(time, client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(advanced, Is.LessThan(TimeSpan.FromSeconds(60)));
            Assert.That(logger.Lines, Has.Some.Contains("retrying in 2000 ms"));
            Assert.That(_server.Received, Has.Count.EqualTo(2));
        }
    }

    /// <summary>Like Octokit's rate-limit exception: a 429 that outlasts the retries is its own type, carrying the wait the API asked for.</summary>
    [Test]
    public async Task A_rate_limit_that_outlasts_the_retries_is_a_typed_exception_carrying_retry_after()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Enqueue(ServerBehaviour.Empty(429, ("Retry-After", "42")));
        }

        var time = new FakeTimeProvider();
        var settings = HttpTestSupport.Defaults(_server.BaseUrl) with { MaxRetries = 2, RetryMaxDelay = TimeSpan.FromSeconds(1) };
        using var client = new ConnectHttpClient(settings, new CapturingLogger(), time);

        var call = client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests/PR-1/approve"), CancellationToken.None);
        var error = await HttpTestSupport.CatchAsync<ConnectRateLimitException>(async () => await AdvanceUntilDoneAsync(time, call));
        var outcome = ConnectOutcomes.FromException(error);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(42)));
            Assert.That(error.Attempts, Is.EqualTo(3));
            Assert.That(error.StatusCode, Is.EqualTo(429));
            Assert.That(error.Message, Does.Contain("rate limit").And.Contain("wait 42 s").And.Not.Contain("outcome is unknown"));
            Assert.That(outcome.Status, Is.EqualTo(OperationStatus.Failure));
            Assert.That(outcome.Code, Is.EqualTo("429"));
        }
    }

    [Test]
    public async Task Cancellation_during_a_retry_after_wait_stops_at_once()
    {
        _server.Enqueue(ServerBehaviour.Empty(429, ("Retry-After", "30")));
        var logger = new CapturingLogger();
        var settings = HttpTestSupport.Defaults(_server.BaseUrl) with { RetryMaxDelay = TimeSpan.FromSeconds(30) };
        using var client = new ConnectHttpClient(settings, logger);
        using var cancel = new CancellationTokenSource();
        var waiting = logger.WaitForAsync("retrying in 30000 ms");

        var call = client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), cancel.Token);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await HttpTestSupport.CatchAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.That(_server.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Cancellation_during_a_request_is_not_reported_as_a_timeout()
    {
        _server.Enqueue(new ServerBehaviour { Delay = TimeSpan.FromSeconds(10) });
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await HttpTestSupport.CatchAsync<OperationCanceledException>(() => client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), cancel.Token));
        Assert.That(_server.Received, Has.Count.EqualTo(1));
    }

    /// <summary>Moves fake time forward in small steps until the call ends; returns how far it moved.</summary>
    private static async Task<TimeSpan> AdvanceUntilDoneAsync(FakeTimeProvider time, Task<ConnectResponse> call)
    {
        var advanced = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(100);
        for (var i = 0; i < 2000 && !call.IsCompleted; i++)
        {
            await Task.Delay(5);
            time.Advance(step);
            advanced += step;
        }

        (await call).Dispose();
        return advanced;
    }
}
