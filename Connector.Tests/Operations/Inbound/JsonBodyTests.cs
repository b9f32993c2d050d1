using System.Text;
using System.Text.Json;
using Connector.Operations.Inbound;
using NUnit.Framework;

namespace Connector.Tests.Operations.Inbound;

/// <summary>
/// An answer body is exactly one JSON value: one that is passes; one cut short is told apart (it may be asked for
/// again) from malformed JSON and from content after the value, whatever order the checks run in.
/// </summary>
[TestFixture]
public sealed class JsonBodyTests
{
    [TestCase("{\"id\":\"PR-1\",\"status\":\"approved\"}")]
    [TestCase("[1,2,{\"a\":[]}]")]
    [TestCase("  {\"a\":1}  \r\n")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    public async Task One_complete_value_passes_and_is_returned_as_read(string body)
    {
        var bytes = await JsonBody.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None);

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(body));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{\"id\":\"PR-1\",\"sta")]
    [TestCase("[1,2,")]
    [TestCase("{\"a\":{\"b\":[1,2]}")]
    public void A_body_cut_short_is_a_truncation(string body) =>
        Assert.That(
            () => JsonBody.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None).AsTask(),
            Throws.TypeOf<TruncatedJsonException>().With.Message.Contains("ends before its JSON value"));

    [TestCase("{\"a\":1}x", "after a single JSON value")]
    [TestCase("{\"a\":1} {\"b\":2}", "after a single JSON value")]
    [TestCase("{\"a\":tru}", "tru")]
    [TestCase("{a:1}", "'a'")]
    [TestCase("<html>", "'<'")]
    public async Task Malformed_json_or_content_after_the_value_is_not_a_truncation(string body, string named)
    {
        var failure = await Assert.CatchAsync<JsonException>(() => JsonBody.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None).AsTask());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure, Is.Not.TypeOf<TruncatedJsonException>());
            Assert.That(failure!.Message, Does.Contain(named));
        }
    }
}
