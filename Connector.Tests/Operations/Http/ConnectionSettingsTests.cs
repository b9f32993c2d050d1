using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class ConnectionSettingsTests
{
    private static ConnectionSettings Valid(string url = "https://api.connect.cloudblue.com/public/v1") =>
        new() { BaseUrl = new Uri(url, UriKind.RelativeOrAbsolute), ApiKey = HttpTestSupport.ApiKey };

    [Test]
    public void Defaults_are_as_documented()
    {
        var settings = Valid().Validate();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(settings.MaxRetries, Is.EqualTo(4));
            Assert.That(settings.RetryBaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(settings.RetryMaxDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(settings.AllowInsecureHttp, Is.False);
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

        var allowed = new ConnectionSettings { BaseUrl = new Uri(url), ApiKey = HttpTestSupport.ApiKey, AllowInsecureHttp = true };
        Assert.DoesNotThrow(() => allowed.Validate());
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
        var error = Assert.Throws<InvalidConnectionSettingsException>(() => new ConnectionSettings { ApiKey = "k-123" }.Validate());
        Assert.That(error.Message, Does.StartWith("connection setting BaseUrl is required"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("ApiKey ")]
    public void Api_key_is_required(string? key)
    {
        var settings = new ConnectionSettings { BaseUrl = new Uri("https://example.com/public/v1"), ApiKey = key };

        var error = Assert.Throws<InvalidConnectionSettingsException>(() => settings.Validate());
        Assert.That(error.Setting, Is.EqualTo("ApiKey"));
    }

    [Test]
    public void Api_key_with_control_characters_is_refused_without_echoing_it()
    {
        var settings = new ConnectionSettings { BaseUrl = new Uri("https://example.com/"), ApiKey = HttpTestSupport.ApiKey + "\r\nX-Evil: 1" };

        var error = Assert.Throws<InvalidConnectionSettingsException>(() => settings.Validate());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Setting, Is.EqualTo("ApiKey"));
            Assert.That(error.Message, Does.Not.Contain(HttpTestSupport.KeySecret));
        }
    }

    [TestCase(-1)]
    [TestCase(11)]
    public void Max_retries_is_bounded(int retries)
    {
        var settings = new ConnectionSettings { BaseUrl = new Uri("https://example.com/"), ApiKey = "SU-1:abcd", MaxRetries = retries };

        Assert.That(Assert.Throws<InvalidConnectionSettingsException>(() => settings.Validate())!.Setting, Is.EqualTo("MaxRetries"));
    }

    [Test]
    public void Timeout_and_delays_are_checked()
    {
        var baseUrl = new Uri("https://example.com/");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Assert.Throws<InvalidConnectionSettingsException>(() => new ConnectionSettings { BaseUrl = baseUrl, ApiKey = "SU-1:abcd", RequestTimeout = TimeSpan.Zero }.Validate())!.Setting, Is.EqualTo("RequestTimeout"));
            Assert.That(Assert.Throws<InvalidConnectionSettingsException>(() => new ConnectionSettings { BaseUrl = baseUrl, ApiKey = "SU-1:abcd", RetryBaseDelay = TimeSpan.FromSeconds(-1) }.Validate())!.Setting, Is.EqualTo("RetryBaseDelay"));
            Assert.That(Assert.Throws<InvalidConnectionSettingsException>(() => new ConnectionSettings { BaseUrl = baseUrl, ApiKey = "SU-1:abcd", RetryMaxDelay = TimeSpan.FromMilliseconds(100) }.Validate())!.Setting, Is.EqualTo("RetryMaxDelay"));
        }
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
