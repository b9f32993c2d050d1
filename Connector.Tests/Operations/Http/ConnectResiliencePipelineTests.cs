using Connector.Core.Results;
using Connector.Operations.Execution;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Polly;
using Polly.Timeout;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class ConnectResiliencePipelineTests
{
    private static readonly ConnectionSettings Settings = HttpTestSupport.Defaults(new Uri("https://api.example.test/public/v1")) with
    {
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.Zero,
        RetryMaxDelay = TimeSpan.Zero,
    };

    private static ConnectResponse Answer(int status, string? retryAfter = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (retryAfter is not null)
        {
            headers["Retry-After"] = retryAfter;
        }

        return new ConnectResponse(status, headers, new MemoryStream([1, 2, 3]));
    }

    private static bool ShouldRetry(Outcome<ConnectResponse> outcome, bool idempotent)
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        try
        {
            var request = new ConnectRequest(HttpMethod.Post, "x") { Idempotent = idempotent };
            context.Properties.Set(ConnectResiliencePipeline.CallStateKey, new ConnectResiliencePipeline.CallState(request));
            return ConnectResiliencePipeline.ShouldRetry(outcome, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [Test]
    public async Task A_retried_answer_is_disposed_and_the_last_one_is_handed_out()
    {
        var first = Answer(503);
        var second = Answer(502);
        var third = Answer(200);
        var transport = new Mock<IConnectTransport>();
        transport.SetupGet(t => t.Origin).Returns("https://api.example.test");
        transport.SetupSequence(t => t.SendAsync(It.IsAny<ConnectRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(first)
            .ReturnsAsync(second)
            .ReturnsAsync(third);
        using var client = new ConnectHttpClient(Settings, transport.Object, null, null);

        using var response = await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response, Is.SameAs(third));
            Assert.That(first.IsDisposed, Is.True);
            Assert.That(second.IsDisposed, Is.True);
            Assert.That(third.IsDisposed, Is.False);
        }
    }

    [Test]
    public async Task Every_attempt_times_out_on_the_clients_clock_and_a_timed_out_get_is_sent_again()
    {
        var time = new FakeTimeProvider();
        var attempts = new StrongBox<int>();
        var transport = TransportThatNeverAnswers(attempts);
        var settings = Settings with { MaxRetries = 1, RequestTimeout = TimeSpan.FromSeconds(30) };
        using var client = new ConnectHttpClient(settings, transport.Object, null, time);

        var call = client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None);
        await WaitUntilAsync(() => Volatile.Read(ref attempts.Value) == 1);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(call.IsCompleted, Is.False, "the first attempt ended before its timeout on the client's clock");
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => Volatile.Read(ref attempts.Value) == 2);
        time.Advance(TimeSpan.FromSeconds(30));
        var error = await HttpTestSupport.ThrowsAsync<ConnectTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Failure, Is.EqualTo(ConnectTransportFailure.Timeout));
            Assert.That(error.Attempts, Is.EqualTo(2));
            Assert.That(error.Message, Does.StartWith("no answer from https://api.example.test within 30 s (GET /assets, 2 attempts)"));
        }
    }

    [Test]
    public async Task A_caller_cancelling_an_attempt_is_neither_a_timeout_nor_retried()
    {
        var attempts = new StrongBox<int>();
        var transport = TransportThatNeverAnswers(attempts);
        using var client = new ConnectHttpClient(Settings, transport.Object, null, new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();

        var call = client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), cancellation.Token);
        await WaitUntilAsync(() => Volatile.Read(ref attempts.Value) == 1);
        await cancellation.CancelAsync();

        Assert.That(async () => await call.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(attempts.Value, Is.EqualTo(1));
    }

    [Test]
    public async Task A_retried_first_attempt_is_logged_counted_and_waited_for_as_every_retry()
    {
        var time = new FakeTimeProvider();
        var transport = new Mock<IConnectTransport>();
        transport.SetupGet(t => t.Origin).Returns("https://api.example.test");
        transport.SetupSequence(t => t.SendAsync(It.IsAny<ConnectRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Answer(429, "5"))
            .ReturnsAsync(Answer(200));
        var logger = new CapturingLogger();
        using var client = new ConnectHttpClient(Settings with { RetryMaxDelay = TimeSpan.FromSeconds(30) }, transport.Object, logger, time);

        var call = client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests/PR-1/approve"), CancellationToken.None);
        await logger.WaitForAsync("retrying in 5000 ms (attempt 2 of 3)");
        Assert.That(call.IsCompleted, Is.False, "the retry did not wait for the Retry-After on the client's clock");
        time.Advance(TimeSpan.FromSeconds(5));
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(logger.Lines.Count(l => l.Contains("attempt 1", StringComparison.Ordinal) && l.StartsWith("Debug: Connect POST /requests/PR-1/approve: attempt", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(logger.Lines.Count(l => l.Contains("retrying in", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(logger.Lines.Count(l => l.StartsWith("Debug: Connect POST /requests/PR-1/approve: attempt 2", StringComparison.Ordinal)), Is.EqualTo(1));
        }
    }

    /// <summary>A transport whose attempts wait until cancelled, counting them in <paramref name="attempts"/>.</summary>
    private static Mock<IConnectTransport> TransportThatNeverAnswers(StrongBox<int> attempts)
    {
        var transport = new Mock<IConnectTransport>();
        transport.SetupGet(t => t.Origin).Returns("https://api.example.test");
        transport.Setup(t => t.SendAsync(It.IsAny<ConnectRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (ConnectRequest _, CancellationToken token) =>
            {
                Interlocked.Increment(ref attempts.Value);
                await Task.Delay(Timeout.Infinite, token);
                return Answer(200);
            });
        return transport;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out waiting for the transport");
            await Task.Delay(5);
        }
    }

    [Test]
    public async Task An_error_answer_is_disposed_after_its_body_is_read()
    {
        var answer = Answer(400);
        var transport = new Mock<IConnectTransport>();
        transport.SetupGet(t => t.Origin).Returns("https://api.example.test");
        transport.Setup(t => t.SendAsync(It.IsAny<ConnectRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(answer);
        using var client = new ConnectHttpClient(Settings, transport.Object, null, null);

        await HttpTestSupport.ThrowsAsync<ConnectApiException>(() => client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));
        Assert.That(answer.IsDisposed, Is.True);
    }

    [Test]
    public async Task A_tls_failure_is_not_retried_and_names_the_host()
    {
        var transport = new Mock<IConnectTransport>();
        transport.SetupGet(t => t.Origin).Returns("https://api.example.test");
        transport.Setup(t => t.SendAsync(It.IsAny<ConnectRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TransportFailureException(ConnectTransportFailure.Tls, "the TLS handshake failed", new HttpRequestException("The remote certificate is invalid")));
        using var client = new ConnectHttpClient(Settings, transport.Object, null, null);

        var error = await HttpTestSupport.ThrowsAsync<ConnectTransportException>(() => client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Attempts, Is.EqualTo(1));
            Assert.That(error.Message, Does.StartWith("cannot reach https://api.example.test: the TLS handshake failed (The remote certificate is invalid)"));
        }
    }

    [TestCase(429, false, true)]
    [TestCase(503, false, true)]
    [TestCase(500, false, false)]
    [TestCase(502, false, false)]
    [TestCase(504, false, false)]
    [TestCase(500, true, true)]
    [TestCase(504, true, true)]
    [TestCase(400, true, false)]
    [TestCase(404, true, false)]
    [TestCase(501, true, false)]
    [TestCase(200, true, false)]
    public void Statuses_are_retried_by_idempotency(int status, bool idempotent, bool expected)
    {
        Assert.That(ShouldRetry(Outcome.FromResult(Answer(status)), idempotent), Is.EqualTo(expected));
    }

    [TestCase(nameof(ConnectTransportFailure.ConnectionRefused), false, true)]
    [TestCase(nameof(ConnectTransportFailure.NameResolution), false, true)]
    [TestCase(nameof(ConnectTransportFailure.ConnectionFailed), false, true)]
    [TestCase(nameof(ConnectTransportFailure.ConnectionLost), false, false)]
    [TestCase(nameof(ConnectTransportFailure.ConnectionLost), true, true)]
    [TestCase(nameof(ConnectTransportFailure.Tls), true, false)]
    public void Transport_failures_are_retried_when_safe(string failure, bool idempotent, bool expected)
    {
        var outcome = Outcome.FromException<ConnectResponse>(new TransportFailureException(Enum.Parse<ConnectTransportFailure>(failure), "x"));

        Assert.That(ShouldRetry(outcome, idempotent), Is.EqualTo(expected));
    }

    [TestCase(true, true)]
    [TestCase(false, false)]
    public void Timeouts_are_retried_only_when_idempotent(bool idempotent, bool expected)
    {
        Assert.That(ShouldRetry(Outcome.FromException<ConnectResponse>(new TimeoutRejectedException()), idempotent), Is.EqualTo(expected));
    }

    [Test]
    public void Retry_after_delay_is_capped_and_only_for_429_and_503()
    {
        var time = new FakeTimeProvider();
        var cap = TimeSpan.FromSeconds(30);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ConnectResiliencePipeline.RetryAfterDelay(Outcome.FromResult(Answer(429, "7")), cap, time), Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(ConnectResiliencePipeline.RetryAfterDelay(Outcome.FromResult(Answer(503, "600")), cap, time), Is.EqualTo(cap));
            Assert.That(ConnectResiliencePipeline.RetryAfterDelay(Outcome.FromResult(Answer(503)), cap, time), Is.Null);
            Assert.That(ConnectResiliencePipeline.RetryAfterDelay(Outcome.FromResult(Answer(500, "7")), cap, time), Is.Null);
        }
    }

    [Test]
    public void Socket_errors_are_classified()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));
        var dns = new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known", new SocketException((int)SocketError.HostNotFound));
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TransportFailureException.From(refused).Failure, Is.EqualTo(ConnectTransportFailure.ConnectionRefused));
            Assert.That(TransportFailureException.From(dns).Failure, Is.EqualTo(ConnectTransportFailure.NameResolution));
            Assert.That(TransportFailureException.From(reset).Failure, Is.EqualTo(ConnectTransportFailure.ConnectionLost));
            Assert.That(TransportFailureException.From(reset).CertainlyNotSent, Is.False);
            Assert.That(TransportFailureException.From(refused).CertainlyNotSent, Is.True);
        }
    }

    [Test]
    public void Classification_covers_every_kind_of_failure()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ConnectOutcomes.FromException(new ConnectRateLimitException("m", null, [], 5, TimeSpan.FromSeconds(7))).Status, Is.EqualTo(OperationStatus.Failure));
            Assert.That(ConnectOutcomes.FromException(new ConnectTransportException("m", ConnectTransportFailure.Timeout, 1, true)).Code, Is.EqualTo("TRANSPORT"));
            Assert.That(ConnectOutcomes.FromException(new ConnectResponseFormatException("m")).Code, Is.EqualTo("UNREADABLE_RESPONSE"));
            Assert.That(ConnectOutcomes.FromException(new System.Text.Json.JsonException("bad")).Code, Is.EqualTo("UNREADABLE_RESPONSE"));
            Assert.That(ConnectOutcomes.FromException(new InvalidOperationException("x")).Status, Is.EqualTo(OperationStatus.Failure));
        }
    }
}
