using Connector.Operations.Http;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

/// <summary>
/// How the transport sets RestSharp up so that each request costs little: the base URL ends in '/' (RestSharp then
/// resolves the target without building the base again), and the constant headers are the HTTP client's raw
/// defaults rather than RestSharp parameters; what reaches the server is unchanged.
/// </summary>
[TestFixture]
public sealed class RestSharpConnectTransportTests
{
    private LoopbackConnectServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackConnectServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Targets_resolve_against_the_base_url_with_a_trailing_slash_and_arrive_under_it()
    {
        var settings = HttpTestSupport.Settings(_server.BaseUrl);
        using var transport = new RestSharpConnectTransport(settings.Validate());
        using var client = new ConnectHttpClient(settings, transport, null, null);

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests/PR-1/approve", body: ConnectRequestBody.Json("{}"u8.ToArray())), CancellationToken.None))
        {
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_server.BaseUrl.AbsoluteUri, Does.Not.EndWith("/"), "the settings keep the URL as typed");
            Assert.That(transport.TargetBaseUrl!.AbsoluteUri, Is.EqualTo(_server.BaseUrl.AbsoluteUri + "/"));
            Assert.That(_server.Received.Single().RawTarget, Is.EqualTo("/public/v1/requests/PR-1/approve"));
        }
    }

    [TestCase("http://127.0.0.1:5000/public/v1", "http://127.0.0.1:5000/public/v1/")]
    [TestCase("http://127.0.0.1:5000/public/v1/", "http://127.0.0.1:5000/public/v1/")]
    [TestCase("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    public void The_target_base_ends_in_exactly_one_slash(string baseUrl, string expected) =>
        Assert.That(RestSharpConnectTransport.TargetBase(new Uri(baseUrl)).AbsoluteUri, Is.EqualTo(expected));

    [Test]
    public async Task Constant_headers_come_once_from_the_http_clients_defaults()
    {
        var settings = HttpTestSupport.Settings(_server.BaseUrl);
        using var transport = new RestSharpConnectTransport(settings.Validate());
        using var client = new ConnectHttpClient(settings, transport, null, null);

        for (var i = 0; i < 2; i++)
        {
            using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None))
            {
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transport.HasRestSharpDefaultHeaders, Is.False, "RestSharp adds no header parameter to every request");
            foreach (var received in _server.Received)
            {
                Assert.That(received.Header("Authorization"), Is.EqualTo("ApiKey " + HttpTestSupport.ApiKey));
                Assert.That(received.Header("Accept-Encoding"), Is.EqualTo("gzip, deflate, br"));
                Assert.That(received.Header("User-Agent"), Is.EqualTo(ConnectUserAgent.Value));
                Assert.That(received.Header("Accept"), Is.EqualTo("application/json"));
            }
        }
    }
}
