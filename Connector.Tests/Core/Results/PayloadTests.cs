using System.Text;
using Connector.Core.Results;
using NUnit.Framework;

namespace Connector.Tests.Core.Results;

[TestFixture]
public sealed class PayloadTests
{
    [Test]
    public async Task A_pooled_copy_holds_its_own_bytes_and_reads_any_number_of_times_until_disposed()
    {
        var source = Encoding.UTF8.GetBytes("{\"id\":\"AS-1\",\"name\":\"\u00e9t\u00e9\"}");
        var payload = Payload.PooledCopyOfJson(source);
        Array.Clear(source);

        Assert.That(payload.IsJson, Is.True);
        Assert.That(await ReadAsync(payload), Is.EqualTo("{\"id\":\"AS-1\",\"name\":\"\u00e9t\u00e9\"}"), "the source changed after the copy; the payload did not");
        Assert.That(await ReadAsync(payload), Is.EqualTo("{\"id\":\"AS-1\",\"name\":\"\u00e9t\u00e9\"}"), "read again");

        await payload.DisposeAsync();
        Assert.That(async () => await ReadAsync(payload), Throws.TypeOf<ObjectDisposedException>().With.Message.Contains("disposed"));
        Assert.That(async () => await payload.DisposeAsync(), Throws.Nothing, "a second disposal returns nothing to the pool again");
    }

    [Test]
    public async Task Pooled_copies_disposed_and_made_again_never_share_bytes_with_a_live_one()
    {
        var live = Payload.PooledCopyOfJson("{\"n\":1}"u8);
        for (var i = 0; i < 100; i++)
        {
            var other = Payload.PooledCopyOfJson("{\"n\":2}"u8);
            await other.DisposeAsync();
            await other.DisposeAsync();
        }

        Assert.That(await ReadAsync(live), Is.EqualTo("{\"n\":1}"), "double disposal must not put one array in the pool twice");
        await live.DisposeAsync();
    }

    private static async Task<string> ReadAsync(Payload payload)
    {
        using var buffer = new MemoryStream();
        await payload.CopyToAsync(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
