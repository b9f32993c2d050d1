using System.Text;
using System.Text.Json;
using Connector.Operations.Inbound;
using NUnit.Framework;

namespace Connector.Tests.Operations.Inbound;

[TestFixture]
public sealed class JsonArraySplitterTests
{
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(4096)]
    public async Task Splits_elements_across_any_read_boundary(int readSize)
    {
        var elements = Enumerable.Range(0, 300).Select(i => $"{{\"id\":\"R-{i}\",\"text\":\"{new string('x', i % 50)} ,[]{{}}\\\"\",\"nested\":{{\"a\":[1,2,{{\"b\":null}}]}}}}").ToList();
        var json = " [ " + string.Join(" ,\n", elements) + " ] ";
        var split = await SplitAsync(new TricklingStream(Encoding.UTF8.GetBytes(json), readSize));
        Assert.That(split, Is.EqualTo(elements));
    }

    [Test]
    public async Task An_empty_array_has_no_elements() => Assert.That(await SplitAsync(new MemoryStream("[]"u8.ToArray())), Is.Empty);

    [Test]
    public async Task Large_elements_grow_the_buffer()
    {
        var big = "{\"blob\":\"" + new string('z', 300_000) + "\"}";
        var split = await SplitAsync(new TricklingStream(Encoding.UTF8.GetBytes("[" + big + "," + big + "]"), 10_000));
        Assert.That(split, Is.EqualTo(new[] { big, big }));
    }

    [TestCase("[{\"a\":1},{\"b\"", TestName = "A body cut inside an element is refused")]
    [TestCase("[{\"a\":1}", TestName = "A body cut before the closing bracket is refused")]
    [TestCase("{\"a\":1}", TestName = "An object where an array is expected is refused")]
    [TestCase("", TestName = "An empty body is refused")]
    public void Broken_bodies_throw(string body) =>
        Assert.That(async () => await SplitAsync(new MemoryStream(Encoding.UTF8.GetBytes(body))), Throws.InstanceOf<JsonException>());

    private static async Task<List<string>> SplitAsync(Stream stream)
    {
        var result = new List<string>();
        await foreach (var element in JsonArraySplitter.SplitAsync(stream, CancellationToken.None))
        {
            result.Add(Encoding.UTF8.GetString(element.Span));
        }

        return result;
    }

    /// <summary>Returns at most a few bytes per read, like a slow network.</summary>
    private sealed class TricklingStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
