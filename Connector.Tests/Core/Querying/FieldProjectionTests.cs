using System.Text;
using Connector.Core.Querying;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Core.Querying;

/// <summary>The one projection behind a query's --select (client side) and the command line's --fields.</summary>
[TestFixture]
public sealed class FieldProjectionTests
{
    private const string Record = "{\"id\":\"PR-1\",\"asset\":{\"id\":\"AS-1\",\"params\":[{\"id\":\"P-1\"},{\"id\":\"P-2\"}],\"product\":{\"id\":\"PRD-1\",\"name\":\"P\"}},\"note\":null}";

    private static string Project(params string[] fields) => FieldProjection.From(fields)!.Apply(JToken.Parse(Record)).ToString(Formatting.None);

    [Test]
    public void Kept_fields_stay_nested_and_array_elements_are_named_by_their_path() =>
        Assert.That(
            Project("id", "asset.product.id", "asset.params.0.id", "missing"),
            Is.EqualTo("{\"id\":\"PR-1\",\"asset\":{\"product\":{\"id\":\"PRD-1\"}},\"asset.params.0.id\":\"P-1\"}"));

    [Test]
    public void Excluded_fields_are_removed_alone_or_after_the_kept_ones()
    {
        Assert.That(Project("-asset", "-note"), Is.EqualTo("{\"id\":\"PR-1\"}"));
        Assert.That(Project("+asset.product", "-asset.product.name"), Is.EqualTo("{\"asset\":{\"product\":{\"id\":\"PRD-1\"}}}"));
    }

    [Test]
    public void A_record_that_is_not_an_object_and_an_empty_list_are_left_alone()
    {
        var projection = FieldProjection.From(["id"])!;

        Assert.That(projection.Apply(new JValue("text")).ToString(Formatting.None), Is.EqualTo("\"text\""));
        Assert.That(Encoding.UTF8.GetString(projection.ApplyUtf8(Encoding.UTF8.GetBytes("[1,2]")).Span), Is.EqualTo("[1,2]"));
        Assert.That(FieldProjection.From(["", "-", " + "]), Is.Null);
    }

    [Test]
    public void The_bytes_form_is_the_same_projection()
    {
        var bytes = FieldProjection.From(["id", "-asset"])!.ApplyUtf8(Encoding.UTF8.GetBytes(Record));

        Assert.That(Encoding.UTF8.GetString(bytes.Span), Is.EqualTo("{\"id\":\"PR-1\"}"));
    }

    [TestCase("id", true)]
    [TestCase("asset", true)]
    [TestCase("asset.product.id", true)]
    [TestCase("asset.product.name", false)]
    [TestCase("asset.id", false)]
    [TestCase("note", false)]
    public void Keeps_tells_whether_a_field_survives(string path, bool kept) =>
        Assert.That(FieldProjection.From(["id", "asset.product", "-asset.product.name"])!.Keeps(path), Is.EqualTo(kept));
}
