using Connector.Host.Output;
using Newtonsoft.Json;
using NUnit.Framework;

namespace Connector.Tests.Host.Output;

/// <summary>Dotted paths: selecting, flattening and reducing a record to --fields.</summary>
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

    [Test]
    public void Projection_keeps_nesting_and_names_array_elements_by_their_path() =>
        Assert.That(
            RecordFields.Project(RecordFields.Parse(Record), ["id", "asset.product.id", "asset.params.0.id", "missing"]).ToString(Formatting.None),
            Is.EqualTo("{\"id\":\"PR-1\",\"asset\":{\"product\":{\"id\":\"PRD-1\"}},\"asset.params.0.id\":\"P-1\"}"));
}
