using Connector.Core.Results;
using Connector.Operations.Execution;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class ConnectHttpClientErrorTests
{
    private LoopbackConnectServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackConnectServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Validation_error_carries_code_and_errors()
    {
        _server.Enqueue(ServerBehaviour.Json(400, "{\"error_code\":\"VAL_001\",\"errors\":[\"reason: This field is required.\"]}"));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var error = await HttpTestSupport.ThrowsAsync<ConnectApiException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests/PR-1/fail"), CancellationToken.None));

        var classification = ConnectOutcomes.FromException(error);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.EqualTo("HTTP 400 VAL_001: reason: This field is required."));
            Assert.That(error.StatusCode, Is.EqualTo(400));
            Assert.That(error.ErrorCode, Is.EqualTo("VAL_001"));
            Assert.That(error.Errors, Is.EqualTo(new[] { "reason: This field is required." }));
            Assert.That(error.RequestMethod, Is.EqualTo("POST"));
            Assert.That(error.RequestPath, Is.EqualTo("/requests/PR-1/fail"));
            Assert.That(_server.Received, Has.Count.EqualTo(1));
            Assert.That(classification.Status, Is.EqualTo(OperationStatus.ApplicationError));
            Assert.That(classification.Code, Is.EqualTo("400"));
        }
    }

    [Test]
    public async Task Unauthorized_is_an_authentication_error()
    {
        _server.Enqueue(ServerBehaviour.Json(401, "{\"error_code\":\"AUTH_001\",\"errors\":[\"API request is unauthorized.\"]}"));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var error = await HttpTestSupport.ThrowsAsync<ConnectAuthenticationException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.EqualTo("the API key was rejected (HTTP 401 AUTH_001): the connection does not work; check the API key (SU-...:secret) in the connection settings"));
            Assert.That(error.Errors, Is.EqualTo(new[] { "API request is unauthorized." }));
            Assert.That(ConnectOutcomes.FromException(error).Code, Is.EqualTo("401"));
            Assert.That(_server.Received, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Not_found_without_a_body_names_the_request()
    {
        _server.Enqueue(ServerBehaviour.Empty(404));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var error = await HttpTestSupport.ThrowsAsync<ConnectNotFoundException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets/AS-404"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.StartWith("HTTP 404: GET /assets/AS-404 was not found; if every request answers this, http://127.0.0.1:").And.EndWith("is not a Connect API: check the API endpoint URL, which ends in /public/v1"));
            Assert.That(error.ErrorCode, Is.Null);
            Assert.That(error.Errors, Is.Empty);
        }
    }

    [Test]
    public async Task Not_found_with_a_body_uses_it()
    {
        _server.Enqueue(ServerBehaviour.Json(404, "{\"error_code\":\"NOT_FOUND\",\"errors\":[\"Asset not found.\"]}"));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var error = await HttpTestSupport.ThrowsAsync<ConnectNotFoundException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets/AS-404"), CancellationToken.None));

        Assert.That(error.Message, Is.EqualTo("HTTP 404 NOT_FOUND: Asset not found."));
    }

    [Test]
    public async Task Server_error_after_retries_is_a_failure()
    {
        _server.Enqueue(Enumerable.Repeat(ServerBehaviour.Json(500, "{\"error_code\":\"SYS_500\",\"errors\":[\"oops\"]}"), 4).ToArray());
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl, maxRetries: 1));

        var error = await HttpTestSupport.ThrowsAsync<ConnectServerException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        var classification = ConnectOutcomes.FromException(error);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.EqualTo("HTTP 500 SYS_500: oops (GET /assets, 2 attempts)"));
            Assert.That(classification.Status, Is.EqualTo(OperationStatus.Failure));
            Assert.That(classification.Code, Is.EqualTo("500"));
        }
    }

    [Test]
    public async Task Non_json_error_body_still_gives_a_clear_message()
    {
        _server.Enqueue(new ServerBehaviour
        {
            Status = 502,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "text/html" },
            Body = "<html>\n  <body>Bad   gateway</body>\n</html>"u8.ToArray(),
        });
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl, maxRetries: 0));

        var error = await HttpTestSupport.ThrowsAsync<ConnectServerException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.EqualTo("HTTP 502: <html> <body>Bad gateway</body> </html> (GET /assets)"));
            Assert.That(error.ErrorCode, Is.Null);
        }
    }

    [Test]
    public async Task Empty_error_body_still_gives_a_clear_message()
    {
        _server.Enqueue(ServerBehaviour.Empty(409));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var error = await HttpTestSupport.ThrowsAsync<ConnectApiException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Put, "products/PRD-1"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.EqualTo("HTTP 409: the answer carried no error details"));
            Assert.That(ConnectOutcomes.FromException(error).Status, Is.EqualTo(OperationStatus.ApplicationError));
        }
    }

    [Test]
    public async Task Redirects_are_not_followed()
    {
        _server.Enqueue(ServerBehaviour.Empty(302, ("Location", "http://127.0.0.1/elsewhere")));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var error = await HttpTestSupport.ThrowsAsync<ConnectApiException>(() =>
            client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.StatusCode, Is.EqualTo(302));
            Assert.That(error.Message, Does.Contain("unexpected redirect"));
            Assert.That(_server.Received, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task The_api_key_never_appears_in_messages_or_logs()
    {
        // A server that echoes the key back in its error must not make the key leak either.
        _server.Enqueue(
            ServerBehaviour.Empty(503, ("Retry-After", "0")),
            ServerBehaviour.Json(400, $"{{\"error_code\":\"VAL_001\",\"errors\":[\"bad key ApiKey {HttpTestSupport.ApiKey}\"]}}"),
            ServerBehaviour.Json(500, $"<p>{HttpTestSupport.KeySecret}</p>"),
            ServerBehaviour.Empty(401));
        var logger = new CapturingLogger();
        var settings = HttpTestSupport.Settings(_server.BaseUrl, maxRetries: 0);
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl), logger);
        using var noRetryClient = new ConnectHttpClient(settings, logger);
        var texts = new List<string>();

        texts.Add((await HttpTestSupport.ThrowsAsync<ConnectApiException>(() => client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests"), CancellationToken.None))).ToString());
        texts.Add((await HttpTestSupport.ThrowsAsync<ConnectServerException>(() => noRetryClient.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None))).ToString());
        var unauthorized = await HttpTestSupport.ThrowsAsync<ConnectAuthenticationException>(() => client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None));
        texts.Add(unauthorized.ToString());
        texts.Add(ConnectOutcomes.FromException(unauthorized).ToString());
        texts.Add(settings.ToString());
        var closed = new Uri($"http://127.0.0.1:{HttpTestSupport.FindClosedPort()}/public/v1");
        using var refusedClient = new ConnectHttpClient(HttpTestSupport.Settings(closed, maxRetries: 1), logger);
        texts.Add((await HttpTestSupport.CatchAsync<ConnectTransportException>(() => refusedClient.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None))).ToString());
        texts.AddRange(logger.Lines);
        using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None))
        {
        }

        Assert.That(texts, Has.Count.GreaterThan(8));
        Assert.That(texts, Has.None.Contains(HttpTestSupport.KeySecret));
        Assert.That(texts, Has.None.Contains(HttpTestSupport.ApiKey));
        Assert.That(texts[0], Does.Contain("bad key ApiKey ***"));
    }
}
