using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// The items of a sub-collection name their owner with a property named like the owner's component; where that property
/// is documented as a scalar (the owner's id), it also accepts, and describes, the owner as an object: a message's
/// <c>conversation</c> arrives as <c>"CO-..."</c> and as <c>{"id": "CO-..."}</c>.
/// </summary>
/// <remarks>
/// The evidence is the document's own: of the 18 sub-collections of v37 whose items name their owner
/// (<c>GET /X/{id}/Y</c>, the items having a property named like the component <c>GET /X/{id}</c> answers), 14 document
/// that property as the owner's reference object (<c>agreement</c>, <c>contract</c>, <c>extension</c>, <c>class</c>, ...)
/// and 4 as a string (<c>conversation</c> of messages, <c>environment</c> of environment events and transformations,
/// <c>account_notification</c> of notification rules). A string owner is the id of the same reference. Where the property
/// already offers structured shapes (<c>scalar-also-documented-shapes</c>: <c>environment</c> is an object elsewhere), it
/// is left as it is.
/// </remarks>
internal sealed class OwnerIdAlsoReference : SchemaRelaxation
{
    public override string Id => "owner-id-also-reference";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A component listed as the items of `GET /X/{id}/Y`, whose property named like the owner's component (the one "
        + "`GET /X/{id}` answers: `conversations.Conversation` -> `conversation`) is documented as a scalar and offers no "
        + "structured shape yet, gets that property as `anyOf: [documented, {$ref: the owner's component}]`: the owner's id "
        + "is accepted as before and the owner object's fields are described.";

    public override string Reason =>
        "Items name their owner by reference: 14 of the document's 18 sub-collections whose items name their owner document "
        + "it as the owner's reference object; the other 4 document only its id, and Connect sends the object there too "
        + "(a message's `conversation` as `{id}`).";

    public override bool RecordsLocations => true;

    public override void Apply(JObject schema, NodeContext context)
    {
        if (!context.IsComponentWithProperties(schema, out var component, out var properties, out var documented))
        {
            return;
        }

        foreach (var owner in context.SubCollections.OwnersOf(component))
        {
            var name = CollectionIndex.SnakeCase(owner);
            if (properties[name] is not JObject converted
                || converted["anyOf"] is not null
                || documented[name] is not JObject raw
                || !PropertyShapeIndex.IsScalar(raw))
            {
                continue;
            }

            properties[name] = DocumentedOr(converted, context.Convert(new JObject { ["$ref"] = ComponentReferences.Prefix + owner }));
        }
    }
}
