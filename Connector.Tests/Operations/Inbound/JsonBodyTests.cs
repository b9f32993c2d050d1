using System.Text;
using System.Text.Json;
using Connector.Operations.Http;
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

    [Test]
    public async Task A_body_of_a_declared_length_is_returned_as_it_came_in_pieces_or_cut_short()
    {
        var body = "{\"id\":\"PR-1\",\"status\":\"approved\",\"note\":\"" + new string('x', 3000) + "\"}";
        var bytes = Encoding.UTF8.GetBytes(body);
        var limits = new AnswerBodyLimits(1024 * 1024, 100, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), "maxResponseMegabytes");

        // Read in pieces into an array of the declared length, not zeroed first: every byte returned is the body's.
        await using var inPieces = new MeteredWireStream(new PieceStream(bytes, 7), bytes.Length, limits, TimeProvider.System);
        var whole = await JsonBody.ReadAsync(inPieces, CancellationToken.None);

        // A body that ends before its declared length: only the bytes that came, then a truncation.
        await using var cutShort = new MeteredWireStream(new PieceStream(bytes[..1000], 300), bytes.Length, limits, TimeProvider.System);
        var came = await JsonBody.ReadBytesAsync(cutShort, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whole, Is.EqualTo(bytes));
            Assert.That(came, Is.EqualTo(bytes[..1000]));
            Assert.That(() => JsonBody.CheckOneValue(came), Throws.TypeOf<TruncatedJsonException>());
        }
    }

    /// <summary>A stream of given bytes that answers each read with at most <c>piece</c> of them.</summary>
    private sealed class PieceStream(byte[] bytes, int piece) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
