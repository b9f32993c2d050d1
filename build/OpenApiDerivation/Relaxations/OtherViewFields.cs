using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A component that is one view of an object documented twice (<see cref="ObjectViewIndex"/>: the asset as
/// <c>dp.Subscription</c> under <c>/assets</c> and as <c>subscriptions.Subscription</c> under <c>/subscriptions/assets</c>)
/// also describes the fields only the other view documents: the asset's <c>billing</c>, the subscription asset's
/// <c>configuration</c>.
/// </summary>
internal sealed class OtherViewFields : SchemaRelaxation
{
    public override string Id => "other-view-fields";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A component that answers a `GET .../X/{id}` and has another view (a component of the same name in another namespace "
        + "that answers a `GET .../X/{id}` too, its collection ending in the same segment X, the two sharing at least "
        + $"{ObjectViewIndex.MinSharedFields:P0} of their documented fields) gets each field only the other view documents, as "
        + "that view documents it (not the fields a list filter added to it).";

    public override string Reason =>
        "One object documented twice is trimmed differently per view, but Connect sends the same object: real assets carry "
        + "`billing` (`anniversary`, `next_date`, `period`, `stats`), which only `subscriptions.Subscription`, the view of "
        + "`/subscriptions/assets`, documents; `dp.Subscription`, the view of `/assets`, has `configuration` the other lacks.";

    public override bool RecordsLocations => true;

    public override void Apply(JObject schema, NodeContext context)
    {
        if (!context.IsComponentWithProperties(schema, out var component, out var properties, out var documented))
        {
            return;
        }

        foreach (var other in context.Views.OthersOf(component))
        {
            if (context.Shapes.ComponentReference(other) is not { } reference || context.Shapes.ObjectProperties(reference) is not { } fields)
            {
                continue;
            }

            // A field the other view has only from its list's filters (fields-documented-by-filters) is not documented there.
            foreach (var field in fields.Properties().Where(f => documented[f.Name] is null && properties[f.Name] is null && !FieldsDocumentedByFilters.IsAdded(f.Value)))
            {
                var borrowed = field.Value.DeepClone() is JObject raw ? raw : [];
                AppendDescription(borrowed, $"Documented on `{other}`, another view of this object (relaxation {Id}).");
                properties[field.Name] = context.ConvertField(field.Name, borrowed);
            }
        }
    }
}
