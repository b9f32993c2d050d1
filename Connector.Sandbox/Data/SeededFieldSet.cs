using System.Collections.Frozen;

namespace Connector.Sandbox.Data;

/// <summary>
/// Declares the computed fields of one collection the way its generator writes them: a field the generator sets
/// itself (<see cref="Written"/>) is in every record; a field it copies into the collection's template
/// (<c>SeedWorld.Over</c>, <see cref="Json.SetExisting"/>, <see cref="Json.CopyExisting"/>) is in the record only when
/// the collection's shape documents that path, so <see cref="Copied"/> and <see cref="Embedded"/> keep only those.
/// </summary>
/// <param name="shape">The collection's shape name (<see cref="ShapeCatalog"/>).</param>
internal sealed class SeededFieldSet(string shape)
{
    private readonly Dictionary<string, SeededField> fields = new(StringComparer.Ordinal);

    /// <summary>A field the generator sets in every record.</summary>
    public SeededFieldSet Written(string path, Func<int, string?> text, bool risesWithIndex = false)
    {
        fields[path] = new SeededField(text, risesWithIndex);
        return this;
    }

    /// <summary>A field the generator sets in every record as a JSON number (<paramref name="number"/> gives its value).</summary>
    public SeededFieldSet WrittenNumber(string path, Func<int, long> number)
    {
        fields[path] = new SeededField(i => number(i).ToString(System.Globalization.CultureInfo.InvariantCulture), IsNumber: true);
        return this;
    }

    /// <summary>A field the generator copies into the template: computed only where the shape documents it.</summary>
    public SeededFieldSet Copied(string path, Func<int, string?> text, bool risesWithIndex = false)
    {
        if (Documents(path))
        {
            fields[path] = new SeededField(text, risesWithIndex);
        }

        return this;
    }

    /// <summary>
    /// The computed fields of another collection's record embedded at <paramref name="prefix"/> (record
    /// <paramref name="indexOf"/>(i) of it in record i, or record i itself when <paramref name="indexOf"/> is null, so
    /// its fields that rise with the index still do): the ones the shape documents under the prefix, as
    /// <see cref="Json.CopyExisting"/> keeps them, and every one under <paramref name="wholesale"/> (a sub-object the
    /// generator replaces as a whole), such as <c>tiers.</c>.
    /// </summary>
    public SeededFieldSet Embedded(string prefix, IReadOnlyDictionary<string, SeededField> source, Func<int, int>? indexOf, string? wholesale = null)
    {
        foreach (var (path, field) in source)
        {
            if ((wholesale is not null && path.StartsWith(wholesale, StringComparison.Ordinal)) || Documents(prefix + path))
            {
                var text = field.Text;
                fields[prefix + path] = indexOf is null ? field : new SeededField(i => text(indexOf(i)), IsNumber: field.IsNumber);
            }
        }

        return this;
    }

    /// <summary>Whether the shape documents <paramref name="path"/> (so the template has it).</summary>
    public bool Documents(string path) => ShapeCatalog.Instance.IsKnownPath(shape, path);

    /// <summary>The fields declared so far.</summary>
    public FrozenDictionary<string, SeededField> ToFrozen() => fields.ToFrozenDictionary(StringComparer.Ordinal);
}
