using Connector.OpenApiDerivation.Endpoints;
using NUnit.Framework;

namespace Connector.Tests.OpenApiDerivation.Endpoints;

/// <summary>Parsing of the filter notes in Connect's query parameter descriptions.</summary>
[TestFixture]
public sealed class FilterDescriptionParserTests
{
    [Test]
    public void Reads_lookups_ordering_and_search()
    {
        var notes = FilterDescriptionParser.Parse("Filter for: name\n\n**lookups:** eq, ne, like, ilike, in, out\n\n**search:** true\n\n**ordering:** true");

        Assert.That(notes, Is.Not.Null);
        Assert.That(notes!.Lookups, Is.EqualTo(new[] { "eq", "ne", "like", "ilike", "in", "out" }));
        Assert.That(notes.Orderable, Is.True);
        Assert.That(notes.Search, Is.True);
        Assert.That(notes.Nullable, Is.False);
    }

    [TestCase("**lookups:** eq, ne, null, in, out", TestName = "Nullable when null is a lookup")]
    [TestCase("**lookups:** eq, ne, in\n\n**null:** MP-00000, null()", TestName = "Nullable when a null line is present")]
    public void Detects_nullable_fields(string description)
    {
        Assert.That(FilterDescriptionParser.Parse(description)!.Nullable, Is.True);
    }

    [Test]
    public void An_ordering_line_that_is_not_true_is_not_orderable()
    {
        Assert.That(FilterDescriptionParser.Parse("**lookups:** eq\n\n**ordering:** false")!.Orderable, Is.False);
    }

    [Test]
    public void An_empty_lookups_line_gives_no_operators()
    {
        Assert.That(FilterDescriptionParser.Parse("Explicit select.\n\n**lookups:** \n\n**default:** *hidden*")!.Lookups, Is.Empty);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Number of results to return per page.")]
    public void A_description_without_lookups_has_no_filter_notes(string? description)
    {
        Assert.That(FilterDescriptionParser.Parse(description), Is.Null);
    }
}
