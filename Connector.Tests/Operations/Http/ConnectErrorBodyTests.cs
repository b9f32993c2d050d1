using System.Text;
using Connector.Operations.Http;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class ConnectErrorBodyTests
{
    private static ConnectErrorBody Parse(string text) => ConnectErrorBody.Parse(Encoding.UTF8.GetBytes(text));

    [Test]
    public void Reads_code_and_errors()
    {
        var body = Parse("{\"error_code\":\"VAL_001\",\"errors\":[\"a: x\",\"b: y\"]}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.ErrorCode, Is.EqualTo("VAL_001"));
            Assert.That(body.Errors, Is.EqualTo(new[] { "a: x", "b: y" }));
            Assert.That(body.Summary, Is.EqualTo("a: x; b: y"));
        }
    }

    [TestCase("")]
    [TestCase("  \n")]
    public void Empty_body_has_nothing(string text)
    {
        Assert.That(Parse(text), Is.EqualTo(ConnectErrorBody.Empty));
    }

    [Test]
    public void Errors_as_an_object_or_a_string_are_read()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Parse("{\"errors\":{\"name\":[\"required\"]}}").Errors, Is.EqualTo(new[] { "name: [\"required\"]" }));
            Assert.That(Parse("{\"error_code\":\"X\",\"errors\":\"single\"}").Errors, Is.EqualTo(new[] { "single" }));
            Assert.That(Parse("{\"detail\":\"Not found.\"}").Errors, Is.EqualTo(new[] { "Not found." }));
        }
    }

    [Test]
    public void Other_json_and_text_become_a_short_snippet()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Parse("{\"unexpected\":1}").Summary, Is.EqualTo("{\"unexpected\":1}"));
            Assert.That(Parse("upstream   timed\r\nout").Summary, Is.EqualTo("upstream timed out"));
            Assert.That(Parse(new string('x', 1000)).Summary, Has.Length.EqualTo(201));
        }
    }

    [Test]
    public async Task Reads_at_most_the_limit_from_a_stream()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(new string('y', ConnectErrorBody.MaxBytes * 2)));

        var body = await ConnectErrorBody.ReadAsync(stream, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stream.Position, Is.EqualTo(ConnectErrorBody.MaxBytes));
            Assert.That(body.Summary, Does.StartWith("yyyy"));
        }
    }
}
