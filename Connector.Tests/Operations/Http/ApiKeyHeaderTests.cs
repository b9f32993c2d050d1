using Connector.Operations.Http;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class ApiKeyHeaderTests
{
    [TestCase("SU-1:secret", "ApiKey SU-1:secret")]
    [TestCase("ApiKey SU-1:secret", "ApiKey SU-1:secret")]
    [TestCase("apikey SU-1:secret", "ApiKey SU-1:secret")]
    [TestCase("  APIKEY    SU-1:secret \t", "ApiKey SU-1:secret")]
    [TestCase(" SU-1:secret ", "ApiKey SU-1:secret")]
    [TestCase("ApiKeySU-1", "ApiKey ApiKeySU-1")]
    public void Formats_the_header_with_one_prefix(string configured, string expected)
    {
        Assert.That(ApiKeyHeader.Format(configured), Is.EqualTo(expected));
    }

    [Test]
    public void Redactor_masks_the_key_and_its_secret_part()
    {
        var redactor = new SecretRedactor("ApiKey " + HttpTestSupport.ApiKey);

        var text = redactor.Redact($"a {HttpTestSupport.ApiKey} b {HttpTestSupport.KeySecret} c");

        Assert.That(text, Is.EqualTo("a *** b *** c"));
    }
}
