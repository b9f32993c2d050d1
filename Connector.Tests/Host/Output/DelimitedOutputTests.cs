using Connector.Host.Output;
using NUnit.Framework;

namespace Connector.Tests.Host.Output;

/// <summary>CSV quoting and TSV cleaning of awkward values.</summary>
[TestFixture]
public sealed class DelimitedOutputTests
{
    [Test]
    public async Task Csv_quotes_separators_quotes_and_line_breaks_and_tsv_flattens_them()
    {
        const string Record = "{\"a\":\"x,\\\"y\\\"\\nz\",\"b\":{\"c\":1.50,\"d\":null},\"e\":true,\"f\":[1,2]}";
        var csv = new StringWriter();
        var tsv = new StringWriter();

        await new DelimitedOutput(csv, ',', null).WriteAsync(Record, CancellationToken.None);
        await new DelimitedOutput(tsv, '\t', null).WriteAsync(Record, CancellationToken.None);

        Assert.That(csv.ToString().ReplaceLineEndings("\n"), Is.EqualTo("a,b.c,b.d,e,f\n\"x,\"\"y\"\"\nz\",1.50,,true,\"[1,2]\"\n"));
        Assert.That(tsv.ToString().ReplaceLineEndings("\n"), Is.EqualTo("a\tb.c\tb.d\te\tf\nx,\"y\" z\t1.50\t\ttrue\t[1,2]\n"));
    }
}
