using Connector.Host.Output;
using NUnit.Framework;

namespace Connector.Tests.Host.Output;

/// <summary>Dotted paths: selecting and flattening a record into columns (reducing it is <see cref="Connector.Core.Querying.FieldProjection"/>).</summary>
[TestFixture]
public sealed class RecordFieldsTests
{
    private const string Record = "{\"id\":\"PR-1\",\"asset\":{\"id\":\"AS-1\",\"params\":[{\"id\":\"P-1\"},{\"id\":\"P-2\"}],\"product\":{\"id\":\"PRD-1\"}},\"note\":null}";

    [Test]
    public void Paths_walk_objects_and_array_indexes() =>
        Assert.That(RecordFields.Text(RecordFields.Select(RecordFields.Parse(Record), "asset.params.1.id")), Is.EqualTo("P-2"));

    [Test]
    public void Leaf_paths_flatten_objects_and_keep_arrays_whole() =>
        Assert.That(RecordFields.LeafPaths(RecordFields.Parse(Record)), Is.EqualTo(new[] { "id", "asset.id", "asset.params", "asset.product.id", "note" }));
}
