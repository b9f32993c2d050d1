using Connector.Operations.Http;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Reads_delta_seconds()
    {
        Assert.That(RetryAfterHeader.Parse(" 120 ", Now), Is.EqualTo(TimeSpan.FromSeconds(120)));
    }

    [Test]
    public void Reads_an_http_date()
    {
        Assert.That(RetryAfterHeader.Parse("Sat, 01 Mar 2025 12:00:05 GMT", Now), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_date_in_the_past_means_now()
    {
        Assert.That(RetryAfterHeader.Parse("Sat, 01 Mar 2025 11:00:00 GMT", Now), Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("-5")]
    [TestCase("soon")]
    [TestCase("1.5")]
    public void Unreadable_values_are_ignored(string? value)
    {
        Assert.That(RetryAfterHeader.Parse(value, Now), Is.Null);
    }
}
