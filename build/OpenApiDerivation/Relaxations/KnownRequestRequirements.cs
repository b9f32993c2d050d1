using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// The one table of request requirements the Connect server is known to insist on. Everything else in the
/// document's <c>required</c> lists is dropped from request schemas (see <see cref="RequiredOnlyKnownInRequests"/>).
/// Keys are the descriptor's method and path; each fragment is deep-merged into the endpoint's request schema.
/// </summary>
internal static class KnownRequestRequirements
{
    private static readonly (string Method, string Path, string Summary, string Fragment)[] Table =
    [
        ("POST", "/requests/{id}/approve", "needs `template_id` or `activation_tile`",
            """{"anyOf": [{"required": ["template_id"]}, {"required": ["activation_tile"]}]}"""),
        ("POST", "/requests/{id}/inquire", "needs `template_id` or `activation_tile`",
            """{"anyOf": [{"required": ["template_id"]}, {"required": ["activation_tile"]}]}"""),
        ("POST", "/requests/{id}/fail", "needs `reason`",
            """{"required": ["reason"]}"""),
        ("POST", "/requests/{id}/assign", "needs `id` or `email`",
            """{"anyOf": [{"required": ["id"]}, {"required": ["email"]}]}"""),
        ("POST", "/tier/account-requests/{id}/ignore", "needs `reason`",
            """{"required": ["reason"]}"""),
        ("POST", "/tier/config-requests/{id}/approve", "needs `template` with `id`",
            """{"required": ["template"], "properties": {"template": {"required": ["id"]}}}"""),
        ("POST", "/tier/config-requests/{id}/fail", "needs `reason`",
            """{"required": ["reason"]}"""),
        ("POST", "/tier/config-requests/{id}/assign", "needs `id` or `email`",
            """{"anyOf": [{"required": ["id"]}, {"required": ["email"]}]}"""),
        ("POST", "/usage/records/close-records", "is an array of objects each requiring `id`",
            """{"items": {"required": ["id"]}}"""),
    ];

    /// <summary>The endpoints the table covers, as <c>METHOD path</c>.</summary>
    public static IReadOnlyList<string> Endpoints { get; } = Table.Select(e => e.Method + " " + e.Path).ToList();

    /// <summary>A one-line human description of the table, for the relaxation record.</summary>
    public static string Describe() =>
        string.Join("; ", Table.Select(e => $"`{e.Method} {e.Path}` {e.Summary}")) + ".";

    /// <summary>The requirement fragment for an endpoint, or null when the table has none.</summary>
    public static JObject? For(string method, string path)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Method, method, StringComparison.OrdinalIgnoreCase)
                && string.Equals(entry.Path, path, StringComparison.Ordinal))
            {
                return JObject.Parse(entry.Fragment);
            }
        }

        return null;
    }

    /// <summary>
    /// Merges <paramref name="requirement"/> into an endpoint's converted request schema. Objects merge key by
    /// key, anything else replaces. A schema that is a bare <c>$ref</c> is wrapped in <c>allOf</c> first because
    /// draft-07 ignores keywords next to <c>$ref</c>.
    /// </summary>
    public static JObject Merge(JObject schema, JObject requirement, string endpoint)
    {
        var target = schema;
        if (target["$ref"] is not null)
        {
            target = new JObject { ["allOf"] = new JArray(schema) };
        }

        MergeInto(target, requirement, endpoint, "#");
        return target;
    }

    private static void MergeInto(JObject target, JObject fragment, string endpoint, string pointer)
    {
        foreach (var property in fragment.Properties())
        {
            var at = pointer + "/" + property.Name;
            if (property.Value is not JObject childFragment)
            {
                target[property.Name] = property.Value.DeepClone();
                continue;
            }

            switch (target[property.Name])
            {
                case JObject childTarget when childTarget["$ref"] is not null:
                    throw new OpenApiDerivationException(
                        $"Known requirement for {endpoint} cannot be merged into the reference at '{at}'.");
                case JObject childTarget:
                    MergeInto(childTarget, childFragment, endpoint, at);
                    break;
                case null when property.Name is "properties" or "items":
                    throw new OpenApiDerivationException(
                        $"Known requirement for {endpoint} expects '{at}' in the request schema, but it is missing.");
                default:
                    target[property.Name] = childFragment.DeepClone();
                    break;
            }
        }
    }
}
