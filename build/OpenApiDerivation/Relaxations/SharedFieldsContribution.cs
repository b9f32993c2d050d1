using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A rule that says a property name also stands for (part of) a component of the document, so the name's shared field set
/// (<see cref="SharedFieldSet"/>) takes those fields as well (merged into the one definition, not added as another
/// alternative). Applied before <see cref="FieldsDocumentedElsewhere"/>: where a property lacks a field of the addition,
/// this rule offers the set (or finds it offered by an earlier contribution) and its location is recorded under this rule's id.
/// </summary>
internal abstract class SharedFieldsContribution : PropertyRelaxation
{
    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    /// <summary>The component whose fields the set of NAME (its items when <paramref name="arrayItems"/>) also takes; null when none.</summary>
    public abstract string? Component(string name, bool arrayItems, PropertyShapeIndex shapes);

    /// <summary>
    /// What the set of NAME also takes: a raw documentation (whose fields are merged deeply with the name's own) and the
    /// words the set's description names it with. By default the whole <see cref="Component"/>.
    /// </summary>
    public virtual (JObject Documentation, string Described)? Addition(string name, bool arrayItems, PropertyShapeIndex shapes) =>
        Component(name, arrayItems, shapes) is { } component ? (shapes.ComponentReference(component)!, $"the fields of `{component}`") : null;

    public override JObject? Relax(PropertyContext context)
    {
        if (!SharedFieldSet.TryMember(context.Raw, context.Shapes, out var arrayItems, out var own)
            || Addition(context.Name, arrayItems, context.Shapes) is not { } addition
            || context.Shapes.ObjectProperties(addition.Documentation) is not { } fields
            || !Lacks(own, fields, context.Shapes))
        {
            return null;
        }

        // Where an earlier contribution already offers the set (it holds every addition), the place is this rule's too.
        return SharedFieldSet.WithSet(context, arrayItems) ?? (SharedFieldSet.Offered(context, arrayItems) ? context.Converted : null);
    }

    /// <summary>Whether a property's own fields lack any of the addition's (by default: a top-level field).</summary>
    protected virtual bool Lacks(JObject own, JObject added, PropertyShapeIndex shapes) =>
        added.Properties().Any(f => own[f.Name] is null);
}
