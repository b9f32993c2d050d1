using System.Text;
using Connector.Core.Documents;
using Connector.Operations.Documents;
using Connector.Operations.Execution;
using NUnit.Framework;

namespace Connector.Tests.Operations.Documents;

/// <summary>
/// Reading many small action documents costs little memory per document (by the GC's own figures); a document held in
/// memory is taken in place, any other stream is copied.
/// </summary>
[TestFixture]
public sealed class InputDocumentReaderTests
{
    [Test]
    public async Task A_small_document_is_read_without_a_fresh_character_buffer()
    {
        const int count = 2000;
        var documents = Documents(count, i => "{\"id\":\"UR-" + i + "\",\"external_billing_id\":\"B-1\"}");
        await InputDocumentReader.ReadObjectAsync(documents[0], CancellationToken.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < count; i++)
        {
            var read = await InputDocumentReader.ReadObjectAsync(documents[i], CancellationToken.None);
            Assert.That(read, Is.Not.Null);
        }

        var perDocument = (GC.GetAllocatedBytesForCurrentThread() - before) / (count - 1);

        // About 1.8 KB: the bytes, the text, the reader and the parsed object. A reader with its own 1,024-character
        // buffer per document allocates over 3.8 KB.
        Assert.That(perDocument, Is.LessThan(2800), $"{perDocument} bytes allocated per document");
    }

    [Test]
    public async Task A_document_made_from_text_is_taken_in_place_and_left_read()
    {
        const int count = 500;
        var documents = Documents(count, i => "{\"id\":\"UR-" + i + "\"}");
        await InputDocumentReader.ReadBoundedBytesAsync(documents[0], CancellationToken.None);

        var bytes = new byte[count][];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < count; i++)
        {
            bytes[i] = await InputDocumentReader.ReadBoundedBytesAsync(documents[i], CancellationToken.None);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            // A copy is at least an array per document: 499 of them are over 20 KB.
            Assert.That(allocated, Is.LessThan(1024), "bytes allocated reading 499 documents");
            Assert.That(Encoding.UTF8.GetString(bytes[7]), Is.EqualTo("{\"id\":\"UR-7\"}"));
            Assert.That(documents[7].Data.Position, Is.EqualTo(documents[7].Data.Length), "the stream is read to its end");
        });
    }

    [Test]
    public async Task Streams_that_hide_their_buffer_or_do_not_fill_it_are_copied()
    {
        var text = Encoding.UTF8.GetBytes("xx{\"id\":\"UR-1\"}yy");
        var hidden = new MemoryStream(text, 2, text.Length - 4, writable: false);
        var inside = new MemoryStream(text, 2, text.Length - 4, writable: false, publiclyVisible: true);
        var partlyRead = new MemoryStream(text, 0, text.Length - 2, writable: false, publiclyVisible: true) { Position = 2 };
        var grown = new MemoryStream();
        grown.Write(text, 2, text.Length - 4);
        grown.Position = 0;

        foreach (var (name, stream) in new[] { ("hidden", hidden), ("inside", inside), ("partly read", partlyRead), ("grown", (Stream)grown) })
        {
            var read = await InputDocumentReader.ReadBoundedBytesAsync(new TrackedDocument(name, stream), CancellationToken.None);
            Assert.Multiple(() =>
            {
                Assert.That(Encoding.UTF8.GetString(read), Is.EqualTo("{\"id\":\"UR-1\"}"), name);
                Assert.That(read, Is.Not.SameAs(text), name);
            });
        }
    }

    [Test]
    public async Task A_document_in_memory_larger_than_the_limit_is_refused_naming_it()
    {
        var document = TrackedDocument.FromText("huge", new string('x', InputDocumentReader.MaxJsonDocumentBytes + 1));

        var refused = await Assert.ThrowsAsync<DocumentInputException>(async () => await InputDocumentReader.ReadBoundedBytesAsync(document, CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("'huge'").And.Contain("larger than 4 MB"));
    }

    /// <summary>Documents <c>d0</c>, <c>d1</c>... made from text, the i-th holding <paramref name="text"/>(i).</summary>
    private static TrackedDocument[] Documents(int count, Func<int, string> text) =>
        Enumerable.Range(0, count).Select(i => TrackedDocument.FromText("d" + i, text(i))).ToArray();
}
