using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A rule that says a property name also stands for a whole component of the document, so the name's shared field set
/// (<see cref="SharedFieldSet"/>) takes that component's fields as well (merged into the one definition, not added as
/// another alternative). Applied before <see cref="FieldsDocumentedElsewhere"/>: where a property lacks a field of the
/// component, this rule offers the set and its location is recorded under this rule's id.
/// </summary>
internal abstract class SharedFieldsContribution : PropertyRelaxation
{
    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    /// <summary>The component whose fields the set of NAME (its items when <paramref name="arrayItems"/>) also takes; null when none.</summary>
    public abstract string? Component(string name, bool arrayItems, PropertyShapeIndex shapes);

    public override JObject? Relax(PropertyContext context)
    {
        if (!SharedFieldSet.TryMember(context.Raw, context.Shapes, out var arrayItems, out var own)
            || Component(context.Name, arrayItems, context.Shapes) is not { } component
            || context.Shapes.ObjectProperties(context.Shapes.ComponentReference(component)!) is not { } fields
            || fields.Properties().All(f => own[f.Name] is not null))
        {
            return null;
        }

        return SharedFieldSet.WithSet(context, arrayItems);
    }
}
