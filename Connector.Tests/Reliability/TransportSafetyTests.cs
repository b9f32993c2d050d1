using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations;
using Connector.Operations.Connection;
using Connector.Operations.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace Connector.Tests.Reliability;

/// <summary>
/// TLS certificate validation is never turned off (no validation callback on the transport's options, and a
/// self-signed loopback server is refused with a clear TLS error before any request reaches it); plain http only
/// to loopback unless explicitly allowed.
/// </summary>
[TestFixture]
[Category("Reliability")]
public sealed class TransportSafetyTests
{
    private WebApplication _server = null!;
    private Uri _httpsBaseUrl = null!;
    private int _requestsSeen;

    [OneTimeSetUp]
    public async Task StartSelfSignedServerAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        _server = builder.Build();
        _server.Run(context =>
        {
            Interlocked.Increment(ref _requestsSeen);
            context.Response.Headers["Content-Range"] = "items 0-0/0";
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("[]");
        });
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _httpsBaseUrl = new Uri($"https://127.0.0.1:{new Uri(address).Port}/public/v1");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public void The_transport_installs_no_certificate_validation_callback()
    {
        var settings = Connector.Tests.Operations.Http.HttpTestSupport.Defaults(_httpsBaseUrl, SecretsTests.CanaryKey);
        using var transport = new HttpConnectTransport(settings);
        var options = transport.RestSharp.Options;
        Assert.Multiple(() =>
        {
            Assert.That(options.RemoteCertificateValidationCallback, Is.Null);
            Assert.That(options.ConfigureMessageHandler, Is.Null, "no handler replacement that could turn validation off");
        });
    }

    [Test]
    public async Task A_self_signed_server_is_refused_with_a_clear_tls_error_before_any_request_reaches_it()
    {
        var descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);
        using var connector = new ConnectConnector(descriptor);
        var tester = new ConnectorTester(connector, new Dictionary<string, string?>
        {
            [ConnectionFieldIds.Url] = _httpsBaseUrl.ToString(),
            [ConnectionFieldIds.ApiKey] = SecretsTests.CanaryKey,
            [ConnectionFieldIds.MaxRetries] = "3",
            [ConnectionFieldIds.RetryBaseDelayMilliseconds] = "10",
        });
        var before = Volatile.Read(ref _requestsSeen);

        var connection = await Assert.CatchAsync<ConnectionTestException>(() => connector.CreateConnectionTester(tester.ConnectionProperties).TestConnectionAsync(CancellationToken.None));
        var results = await tester.ExecuteAsync("request", "GET", [tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = "PR-1" })]);
        ReliabilityTally.Results(results);

        Assert.Multiple(() =>
        {
            Assert.That(connection!.Message, Does.Contain("TLS"), connection.Message);
            Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Failure), results[0].ToString());
            Assert.That(results[0].Message, Does.Contain("TLS handshake failed"));
            Assert.That(results[0].Message, Does.Not.Contain("Canary-5ecret"));
            Assert.That(Volatile.Read(ref _requestsSeen), Is.EqualTo(before), "no request (and so no API key) reached the untrusted server");
        });
    }

    [TestCase("http://127.0.0.1:8080/public/v1", false, true)]
    [TestCase("http://localhost:8080/public/v1", false, true)]
    [TestCase("http://[::1]:8080/public/v1", false, true)]
    [TestCase("http://api.connect.example.com/public/v1", false, false)]
    [TestCase("http://127.0.0.1.example.com/public/v1", false, false)]
    [TestCase("http://10.0.0.5/public/v1", false, false)]
    [TestCase("http://api.connect.example.com/public/v1", true, true)]
    [TestCase("https://api.connect.example.com/public/v1", false, true)]
    public void Plain_http_is_only_for_loopback_unless_allowed(string url, bool allowInsecure, bool accepted)
    {
        var settings = Connector.Tests.Operations.Http.HttpTestSupport.Defaults(new Uri("https://placeholder.example/"), SecretsTests.CanaryKey) with { BaseUrl = new Uri(url), AllowInsecureHttp = allowInsecure };
        if (accepted)
        {
            Assert.That(() => settings.Validate(), Throws.Nothing);
        }
        else
        {
            Assert.That(() => settings.Validate(), Throws.TypeOf<Connector.Operations.Http.Errors.InvalidConnectionSettingsException>().With.Message.Contain("plain http"));
        }
    }
}
