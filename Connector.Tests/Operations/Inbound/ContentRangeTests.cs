using Connector.Operations.Inbound;
using NUnit.Framework;

namespace Connector.Tests.Operations.Inbound;

[TestFixture]
public sealed class ContentRangeTests
{
    [TestCase("items 0-99/2500", 0, 99, 2500, false)]
    [TestCase("items 2400-2499/2500", 2400, 2499, 2500, true)]
    [TestCase("items 0-0/0", 0, 0, 0, true)]
    public void Parses_the_Connect_format(string header, long first, long last, long total, bool isLast)
    {
        var range = ContentRange.Parse(header)!;
        Assert.That(range, Is.EqualTo(new ContentRange(first, last, total)));
        Assert.That(range.IsLastPage, Is.EqualTo(isLast));
    }

    [TestCase(null)]
    [TestCase("bytes 0-99/2500")]
    [TestCase("items 0-99")]
    [TestCase("items a-b/c")]
    public void Anything_else_is_no_range(string? header) => Assert.That(ContentRange.Parse(header), Is.Null);
}
