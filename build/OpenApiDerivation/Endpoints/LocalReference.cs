using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Endpoints;

/// <summary>Follows local <c>#/...</c> references (parameters, request bodies, responses, examples).</summary>
internal static class LocalReference
{
    private const int MaxHops = 16;

    /// <summary>Returns the object <paramref name="node"/> points to, following chained references.</summary>
    public static JToken Resolve(JToken document, JToken node)
    {
        for (var hop = 0; hop < MaxHops; hop++)
        {
            if (node is not JObject { } obj || obj["$ref"] is not JValue { Type: JTokenType.String } reference)
            {
                return node;
            }

            node = Follow(document, (string)reference!)
                ?? throw new OpenApiDerivationException($"The document references '{(string)reference!}', which it does not define.");
        }

        throw new OpenApiDerivationException("The document has a reference chain longer than " + MaxHops + " hops.");
    }

    /// <summary>The token at a local JSON pointer reference, or null.</summary>
    public static JToken? Follow(JToken document, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JToken? current = document;
        foreach (var raw in reference[2..].Split('/'))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current is JObject obj ? obj[segment] : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}
