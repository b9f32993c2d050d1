using Connector.Core.RawApi;
using Connector.Operations.RawApi;
using NUnit.Framework;

namespace Connector.Tests.Operations.RawApi;

/// <summary>Where a raw request goes: path checks, query encoding, page size and first offset.</summary>
[TestFixture]
public sealed class RawApiTargetTests
{
    [Test]
    public void Key_value_terms_are_encoded_raw_terms_and_the_paths_query_are_sent_as_written()
    {
        var target = RawApiTarget.From(new RawApiRequest("get", "/requests?status=pending", ["note=a&b c", "eq(asset.id,AS-1)"]));

        Assert.That(target.Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(target.Path, Is.EqualTo("requests"));
        Assert.That(target.Query, Is.EqualTo("status=pending&note=a%26b%20c&eq(asset.id,AS-1)"));
        Assert.That(target.Paged, Is.False);
    }

    [Test]
    public void With_paging_limit_and_offset_become_the_page_size_and_the_first_offset()
    {
        var paged = RawApiTarget.From(new RawApiRequest("GET", "assets?limit=50", ["offset=20", "status=active"], Paginate: true));
        var unpaged = RawApiTarget.From(new RawApiRequest("GET", "assets?limit=50", [], Paginate: false));
        var defaults = RawApiTarget.From(new RawApiRequest("GET", "assets", [], Paginate: true));

        Assert.That((paged.Query, paged.PageSize, paged.StartOffset), Is.EqualTo(("status=active", 50, 20L)));
        Assert.That(unpaged.Query, Is.EqualTo("limit=50"), "without paging limit is an ordinary term");
        Assert.That((defaults.PageSize, defaults.StartOffset), Is.EqualTo((RawApiTarget.DefaultPageSize, 0L)));
    }

    [TestCase("PATCH", "/requests", false, "is not one the Connect API uses")]
    [TestCase("POST", "/requests", true, "only a GET can be paged")]
    [TestCase("GET", "/", false, "the path is empty")]
    [TestCase("GET", "/requests/./x", false, "segment '.'")]
    [TestCase("GET", "//evil.example/x", false, "is a URL")]
    [TestCase("GET", "/requests?limit=0", true, "limit must be a whole number from 1 to 1000")]
    [TestCase("GET", "/requests?offset=-1", true, "offset must be a whole number")]
    public void A_request_that_cannot_be_sent_is_refused_naming_why(string method, string path, bool paginate, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => RawApiTarget.From(new RawApiRequest(method, path, [], paginate)));

        Assert.That(error!.Message, Does.Contain(expected));
    }
}
