using Newtonsoft.Json.Linq;

namespace Connector.Browse.Learning;

/// <summary>
/// Puts observed properties after the documented ones, in ordinal name order, in every <c>properties</c> of a schema,
/// so the learned profile does not depend on the order the samples came in.
/// </summary>
internal static class ObservedOrdering
{
    public static void Apply(JToken token)
    {
        var pending = new Stack<JToken>();
        pending.Push(token);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JObject obj:
                    if (obj["properties"] is JObject properties)
                    {
                        Reorder(properties);
                    }

                    foreach (var property in obj.Properties())
                    {
                        pending.Push(property.Value);
                    }

                    break;
                case JArray array:
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }

    private static void Reorder(JObject properties)
    {
        var observed = properties.Properties()
            .Where(p => p.Value is JObject schema && ObservedSchema.IsObserved(schema))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        if (observed.Count == 0)
        {
            return;
        }

        foreach (var property in observed)
        {
            property.Remove();
        }

        foreach (var property in observed)
        {
            properties.Add(property);
        }
    }
}
