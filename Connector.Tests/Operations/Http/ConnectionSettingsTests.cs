using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Operations.Connection;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class ConnectionSettingsTests
{
    private static ConnectionSettings Valid(string url = "https://api.connect.cloudblue.com/public/v1") =>
        HttpTestSupport.Defaults(new Uri("https://api.connect.cloudblue.com/public/v1")) with { BaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) };

    private static ConnectionSettings Read(Dictionary<string, string?> given)
    {
        var descriptor = DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None).GetAwaiter().GetResult();
        var values = new Dictionary<string, string?> { [ConnectionFieldIds.Url] = "https://example.com/public/v1", [ConnectionFieldIds.ApiKey] = HttpTestSupport.ApiKey };
        foreach (var (key, value) in given)
        {
            values[key] = value;
        }

        return ConnectionSettingsReader.Read(new PropertyValues(values, descriptor.FindConnectionField, "connection"));
    }

    [Test]
    public void Defaults_come_from_the_descriptor()
    {
        var settings = Read([]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(settings.MaxRetries, Is.EqualTo(4));
            Assert.That(settings.RetryBaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(settings.RetryMaxDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(settings.AllowInsecureHttp, Is.False);
            Assert.That(settings.MaxResponseBytes, Is.EqualTo(64L * 1024 * 1024));
            Assert.That(settings.MaxDecompressionRatio, Is.EqualTo(100));
            Assert.That(settings.MaxDownloadBytes, Is.EqualTo(1024L * 1024 * 1024));
            Assert.That(settings.BodyIdleTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(settings.BodyTimeout, Is.EqualTo(TimeSpan.FromSeconds(300)));
        }
    }

    [Test]
    public void Every_wrong_property_is_reported_together_naming_the_first()
    {
        var error = Assert.Throws<InvalidPropertyException>(() => Read(new()
        {
            [ConnectionFieldIds.MaxRetries] = "99",
            [ConnectionFieldIds.RequestTimeoutSeconds] = "soon",
            [ConnectionFieldIds.ApiKey] = null,
            [ConnectionFieldIds.MaxResponseMegabytes] = "0",
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.PropertyId, Is.EqualTo(ConnectionFieldIds.RequestTimeoutSeconds));
            Assert.That(error.Message, Does.StartWith("4 connection properties are invalid"));
            Assert.That(error.Message, Does.Contain("maxRetries").And.Contain("between 0 and 10"));
            Assert.That(error.Message, Does.Contain("requestTimeoutSeconds").And.Contain("whole number"));
            Assert.That(error.Message, Does.Contain("apiKey"));
            Assert.That(error.Message, Does.Contain("maxResponseMegabytes").And.Contain("between 1 and 4096"));
        }
    }

    [Test]
    public void A_base_delay_above_the_cap_is_an_error_not_clamped()
    {
        var error = Assert.Throws<InvalidPropertyException>(() => Read(new()
        {
            [ConnectionFieldIds.RetryBaseDelayMilliseconds] = "5000",
            [ConnectionFieldIds.RetryMaxDelaySeconds] = "2",
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.PropertyId, Is.EqualTo(ConnectionFieldIds.RetryBaseDelayMilliseconds));
            Assert.That(error.Message, Does.Contain("must not be above RetryMaxDelay"));
        }
    }

    [TestCase("http://127.0.0.1:8080/public/v1")]
    [TestCase("http://127.10.0.3/public/v1")]
    [TestCase("http://[::1]:9000/public/v1")]
    [TestCase("http://localhost/public/v1")]
    [TestCase("http://LOCALHOST:5000")]
    public void Plain_http_to_loopback_is_allowed(string url)
    {
        Assert.DoesNotThrow(() => Valid(url).Validate());
    }

    [TestCase("http://api.connect.cloudblue.com/public/v1")]
    [TestCase("http://10.0.0.1/public/v1")]
    [TestCase("http://128.0.0.1/")]
    public void Plain_http_elsewhere_is_refused_unless_allowed(string url)
    {
        var error = Assert.Throws<InvalidConnectionSettingsException>(() => Valid(url).Validate());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Setting, Is.EqualTo("BaseUrl"));
            Assert.That(error.Message, Does.Contain("AllowInsecureHttp"));
        }

        Assert.DoesNotThrow(() => (Valid(url) with { AllowInsecureHttp = true }).Validate());
    }

    [TestCase("/public/v1")]
    [TestCase("ftp://example.com/public/v1")]
    [TestCase("https://example.com/public/v1?x=1")]
    public void Base_url_must_be_absolute_http_without_query(string url)
    {
        var error = Assert.Throws<InvalidConnectionSettingsException>(() => Valid(url).Validate());
        Assert.That(error.Setting, Is.EqualTo("BaseUrl"));
    }

    [Test]
    public void Base_url_is_required()
    {
        var error = Assert.Throws<InvalidConnectionSettingsException>(() => (Valid() with { BaseUrl = null }).Validate());
        Assert.That(error.Message, Does.StartWith("invalid connection settings: BaseUrl is required"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("ApiKey ")]
    public void Api_key_is_required(string? key)
    {
        var error = Assert.Throws<InvalidConnectionSettingsException>(() => (Valid() with { ApiKey = key }).Validate());
        Assert.That(error.Setting, Is.EqualTo("ApiKey"));
    }

    [Test]
    public void Api_key_with_control_characters_is_refused_without_echoing_it()
    {
        var settings = Valid() with { ApiKey = HttpTestSupport.ApiKey + "\r\nX-Evil: 1" };

        var error = Assert.Throws<InvalidConnectionSettingsException>(() => settings.Validate());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Setting, Is.EqualTo("ApiKey"));
            Assert.That(error.Message, Does.Not.Contain(HttpTestSupport.KeySecret));
        }
    }

    [Test]
    public void Invariants_are_checked_all_at_once()
    {
        var settings = Valid() with
        {
            RequestTimeout = TimeSpan.Zero,
            MaxRetries = -1,
            RetryBaseDelay = TimeSpan.FromSeconds(2),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
            MaxResponseBytes = 0,
            BodyIdleTimeout = TimeSpan.Zero,
        };

        var error = Assert.Throws<InvalidConnectionSettingsException>(() => settings.Validate());
        Assert.That(
            error.Failures.Select(f => f.Setting),
            Is.EqualTo(new[] { "RequestTimeout", "MaxRetries", "RetryBaseDelay", "MaxResponseBytes", "BodyIdleTimeout" }));
        Assert.That(new ConnectionSettingsValidator().Validate(null, settings).Failures?.Count(), Is.EqualTo(5));
    }

    [TestCase(0.005)]
    [TestCase(86_400.5)]
    public void A_request_timeout_outside_10_ms_to_1_day_is_refused(double seconds)
    {
        var settings = Valid() with { RequestTimeout = TimeSpan.FromSeconds(seconds) };

        var error = Assert.Throws<InvalidConnectionSettingsException>(() => settings.Validate());
        Assert.That(error.Failures.Select(f => f.Setting + " " + f.Problem), Is.EqualTo(new[] { "RequestTimeout must be between 10 ms and 1 day" }));
    }

    [Test]
    public void To_string_hides_the_key()
    {
        var text = Valid().ToString();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("ApiKey = ***"));
            Assert.That(text, Does.Contain("https://api.connect.cloudblue.com/public/v1"));
            Assert.That(text, Does.Not.Contain(HttpTestSupport.KeySecret));
            Assert.That(text, Does.Not.Contain(HttpTestSupport.KeyId));
        }
    }
}
