using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A response object also describes, as an array property, each list sub-collection of its endpoint whose items name
/// the object (the messages of a conversation, each with its <c>conversation</c>).
/// </summary>
internal sealed class SubCollectionsEmbedded : SchemaRelaxation
{
    public override string Id => "sub-collections-embedded";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A response component that `GET /X/{id}` answers, lacking a property `Y`, gets `Y`: an array of the items of "
        + "`GET /X/{id}/Y` when those items name their owner (a property named like the component, `Conversation` -> "
        + "`conversation`); a `-` in the path segment is written `_`.";

    public override string Reason =>
        "Connect embeds owned children in the owner's answer where the document lists them only as a sub-collection: "
        + "`GET /conversations/{id}` carries `messages[]`, the items of `/conversations/{id}/messages`. Children that do not "
        + "name their owner (product items, parameters) are separate objects and are not embedded.";

    public override bool RecordsLocations => true;

    public override void Apply(JObject schema, NodeContext context)
    {
        if (context.Component is not { } component || schema["properties"] is not JObject properties)
        {
            return;
        }

        var owner = CollectionIndex.SnakeCase(component);
        foreach (var (segment, items) in context.SubCollections.Of(component))
        {
            var name = segment.Replace('-', '_');
            if (properties[name] is not null || context.Shapes.ObjectProperties(items)?[owner] is null)
            {
                continue;
            }

            properties[name] = context.Convert(new JObject
            {
                ["description"] = $"The `{segment}` sub-collection of this object, embedded (relaxation {Id}).",
                ["type"] = "array",
                ["items"] = items.DeepClone(),
            });
        }
    }
}
