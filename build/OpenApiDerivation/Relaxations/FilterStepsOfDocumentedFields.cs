using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A documented property under which a list's filters name further steps that no schema of it gives (marked before
/// conversion by <see cref="FieldsDocumentedByFilters"/>) also takes an object with those steps as its fields.
/// </summary>
internal sealed class FilterStepsOfDocumentedFields : PropertyRelaxation
{
    /// <summary>The extension keyword holding a property's steps (<c>steps</c>) and the filters naming them (<c>named</c>); the converter drops <c>x-</c> keywords.</summary>
    private const string StepsMark = "x-filter-steps";

    public override string Id => "filter-steps-of-documented-fields";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A documented property under which a filter of its object type's list names further steps that its schema does not "
        + "have (`assignee.email` of `GET /requests`, where a request's `assignee` is a string; `product.title` of "
        + "`GET /assets`, where the asset's product has no title) becomes `anyOf`: the property as converted, then an object "
        + "whose fields are those steps, untyped (for an array, an array of such objects). What the property accepted it still "
        + "accepts, and the fields the filters name are described. A documented step is followed down "
        + "(`configuration.account.hub.id`); arrays of arrays are left to the other rules.";

    public override string Reason =>
        "A filter names a field of the listed objects: real requests carry `assignee` as `{id, name, email}`, which the "
        + "filter `assignee.email` names, while every `assignee` shape of the document (a string, `streams.Actor`, "
        + "`dp.UserReference`) lacks the email.";

    /// <summary>Marks a raw property with steps the filters named by <paramref name="named"/> give it (merged with an earlier mark).</summary>
    public static void AddMark(JObject property, JObject steps, string named)
    {
        if (property[StepsMark] is JObject { } mark && mark["steps"] is JObject earlier)
        {
            // A component's property is reached from every list whose objects embed the component: each names its filters once.
            earlier.Merge(steps);
            var before = (string?)mark["named"] ?? string.Empty;
            if (!before.Split("; ").Contains(named, StringComparer.Ordinal))
            {
                mark["named"] = before + "; " + named;
            }

            return;
        }

        property[StepsMark] = new JObject { ["steps"] = steps, ["named"] = named };
    }

    public override JObject? Relax(PropertyContext context)
    {
        if (context.Raw is not JObject raw || raw[StepsMark] is not JObject { } mark || mark["steps"] is not JObject { Count: > 0 } steps)
        {
            return null;
        }

        var fields = new JObject
        {
            ["description"] = $"Fields named by the filters {mark["named"]} (relaxation {Id}).",
            ["type"] = "object",
            ["properties"] = steps.DeepClone(),
        };
        var alternative = raw["type"]?.ToString() == "array" ? new JObject { ["type"] = "array", ["items"] = fields } : fields;
        return DocumentedOr(context.Converted, alternative);
    }
}
