using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>The documented shape of a JSON value (from the OpenAPI response schemas).</summary>
internal abstract record Shape;

/// <summary>An object with documented properties, in document order.</summary>
internal sealed record ObjectShape(IReadOnlyList<KeyValuePair<string, Shape>> Properties) : Shape;

/// <summary>An array of one element shape.</summary>
internal sealed record ArrayShape(Shape Element) : Shape;

/// <summary>A scalar: JSON type (string, integer, number, boolean, any), enum values, format, nullability.</summary>
internal sealed record ScalarShape(string Type, IReadOnlyList<string> Enum, string? Format, bool Nullable) : Shape
{
    public static ScalarShape ParseSpec(string spec)
    {
        var parts = spec.Split(':');
        var enums = Array.Empty<string>();
        string? format = null;
        var nullable = false;
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith("enum=", StringComparison.Ordinal))
            {
                enums = part[5..].Split('|');
            }
            else if (part.StartsWith("fmt=", StringComparison.Ordinal))
            {
                format = part[4..];
            }
            else if (part == "null")
            {
                nullable = true;
            }
        }

        return new ScalarShape(parts[0], enums, format, nullable);
    }
}

/// <summary>Parses the shapes resource.</summary>
internal static class ShapeReader
{
    public static Shape Read(JsonNode? node) => node switch
    {
        JsonValue v => ScalarShape.ParseSpec(v.GetValue<string>()),
        JsonObject o when o.TryGetPropertyValue("@array", out var element) => new ArrayShape(Read(element)),
        JsonObject o when o["@props"] is JsonObject props =>
            new ObjectShape([.. props.Select(p => new KeyValuePair<string, Shape>(p.Key, Read(p.Value)))]),
        JsonObject => new ObjectShape([]),
        _ => ScalarShape.ParseSpec("string"),
    };
}
