using Connector.Core.Documents;
using Connector.Operations.Documents;
using NUnit.Framework;

namespace Connector.Tests.Operations.Documents;

/// <summary>Reading many small action documents costs little memory per document (by the GC's own figures).</summary>
[TestFixture]
public sealed class InputDocumentReaderTests
{
    [Test]
    public async Task A_small_document_is_read_without_a_fresh_character_buffer()
    {
        const int count = 2000;
        var documents = Enumerable.Range(0, count)
            .Select(i => TrackedDocument.FromText("d" + i, "{\"id\":\"UR-" + i + "\",\"external_billing_id\":\"B-1\"}"))
            .ToArray();
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
}
