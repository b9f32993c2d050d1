using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// Builds a JSON value with every documented field of a shape filled with a plausible value of the documented type
/// (ids in Connect format chosen by the parent object's name, ISO 8601 UTC dates, e-mail addresses, enum members).
/// Collections clone such a template per record and overwrite the fields that matter.
/// </summary>
internal static class ShapeFiller
{
    public const string TemplateDate = "2024-01-01T00:00:00+00:00";

    private static readonly FrozenSet<string> NullWhenNullable = new[]
    {
        "reason", "error_detail", "closed_at", "closed_by", "acceptance_note", "rejection_note", "rating", "feedback",
        "renewal_expiration_date", "end_of_sale_notes", "value_error", "notes", "sub_status", "applicability",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> IdPrefixes = new Dictionary<string, string>
    {
        ["vendor"] = "VA-000-000",
        ["provider"] = "PA-000-000",
        ["owner"] = "VA-000-000",
        ["hub"] = "HB-0000-0000",
        ["marketplace"] = "MP-00000",
        ["product"] = "PRD-000-000-000",
        ["replacement"] = "PRD-000-000-001",
        ["contract"] = "CRD-00000-00000-00000",
        ["connection"] = "CT-0000-0000-0000",
        ["template"] = "TL-000-000-000",
        ["category"] = "CAT-00000",
        ["item"] = "PRD-000-000-000-0001",
        ["items"] = "PRD-000-000-000-0001",
        ["params"] = "param_a",
        ["parent"] = "TA-0000-0000-0000",
        ["account"] = "TA-0000-0000-0000",
        ["customer"] = "TA-0000-0000-0000",
        ["tier1"] = "TA-0000-0000-0001",
        ["tier2"] = "TA-0000-0000-0002",
        ["asset"] = "AS-0000-0000-0000",
        ["usagefile"] = "UF-0000-0000-0000",
        ["partusagefile"] = "UFC-0000-0000-0000",
        ["previous_approved_request"] = "PR-0000-0000-0000-001",
        ["pending_request"] = "PR-0000-0000-0000-001",
        ["last_request"] = "BRV-0000-0000-0000",
        ["open_request"] = "TCR-0000-0000-0000-001",
        ["media"] = "PRDM-000-000-000-00001",
        ["unit"] = "unit-licenses",
        ["group"] = "PRDG-000-000-000-00001",
        ["extensions"] = "SRVC-0000-0000",
        ["languages"] = "en",
        ["accounts"] = "VA-000-000",
        ["recipients"] = "UR-000-000-000",
        ["by"] = "UR-000-000-000",
        ["creator"] = "UR-000-000-000",
        ["agent"] = "UR-000-000-000",
        ["assignee"] = "UR-000-000-000",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Builds the filled value of <paramref name="shape"/>.</summary>
    public static JsonNode? Fill(Shape shape) => Fill(shape, string.Empty, string.Empty);

    private static JsonNode? Fill(Shape shape, string key, string parentKey)
    {
        switch (shape)
        {
            case ObjectShape o:
            {
                var obj = new JsonObject();
                foreach (var (childKey, childShape) in o.Properties)
                {
                    obj[childKey] = Fill(childShape, childKey, key);
                }

                return obj;
            }

            case ArrayShape a:
            {
                var array = new JsonArray();
                if (a.Element is ScalarShape s && key == "scopes")
                {
                    array.Add("customer");
                    return array;
                }

                var element = Fill(a.Element, key, parentKey);
                if (element is not null)
                {
                    array.Add(element);
                }

                return array;
            }

            case ScalarShape s:
                return Scalar(s, key, parentKey);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(ScalarShape s, string key, string parentKey)
    {
        if (s.Nullable && NullWhenNullable.Contains(key))
        {
            return null;
        }

        if (s.Enum.Count > 0)
        {
            return s.Type == "integer"
                ? JsonValue.Create(int.Parse(s.Enum[0], CultureInfo.InvariantCulture))
                : JsonValue.Create(s.Enum[0]);
        }

        switch (s.Type)
        {
            case "integer":
                return JsonValue.Create(key is "day" or "month" or "version" or "position" or "multiplier" or "count" ? 1 : 0);
            case "number":
                return JsonValue.Create(key is "delta" or "quantity" or "multiplier" ? 1.0 : 0.0);
            case "boolean":
                return JsonValue.Create(false);
        }

        if (s.Format is "date-time" or "datetime")
        {
            return JsonValue.Create(TemplateDate);
        }

        if (s.Format == "date")
        {
            return JsonValue.Create("2024-01-01");
        }

        if (s.Format == "email" || key.Contains("email", StringComparison.Ordinal))
        {
            return JsonValue.Create("jane.doe@example.com");
        }

        if (s.Format == "uri" || key is "url" or "link" or "package_url")
        {
            return JsonValue.Create("https://example.com/" + parentKey);
        }

        return JsonValue.Create(StringFor(key, parentKey));
    }

    private static string StringFor(string key, string parentKey) => key switch
    {
        "id" => IdPrefixes.TryGetValue(parentKey, out var id) ? id : (parentKey.Length == 0 ? "ID-0000-0000-0000" : parentKey.ToUpperInvariant() + "-000"),
        "icon" or "thumbnail" => "/media/" + (parentKey.Length == 0 ? "object" : parentKey) + "/icon.png",
        "name" when parentKey is "by" or "creator" or "agent" or "assignee" or "recipients" => "Jane Doe",
        "name" or "title" or "display_name" => parentKey.Length == 0 ? "Sandbox object" : Title(parentKey),
        "first_name" => "Jane",
        "last_name" => "Doe",
        "country_code" => "+1",
        "area_code" => "555",
        "phone_number" => "0100123",
        "extension" => string.Empty,
        "country" => "US",
        "city" => "Springfield",
        "state" => "IL",
        "postal_code" => "62701",
        "address_line1" => "1 Main Street",
        "address_line2" => "Suite 100",
        "tax_id" => "US123456789",
        "currency" => "USD",
        "external_id" => "EXT-0001",
        "external_uid" => "00000000-0000-4000-8000-000000000000",
        "mpn" or "local_id" => "MPN-0001",
        "period" => "monthly",
        "precision" => "integer",
        "environment" or "db" => parentKey == "account" ? "US" : "production",
        "type" => "text",
        "value" or "parameter_value" or "default" => "value",
        "status" => "active",
        "scope" => "asset",
        "phase" => "ordering",
        "unit" => "licenses",
        "version" => "1",
        _ => Title(key),
    };

    private static string Title(string key)
    {
        var words = key.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
