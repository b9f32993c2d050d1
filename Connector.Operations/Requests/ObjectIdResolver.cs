using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Operations.Execution;
using Newtonsoft.Json.Linq;

namespace Connector.Operations.Requests;

/// <summary>
/// Finds the ids a path needs for one document and fills the path template with them, URL-path-encoded.
/// Object id: the document's dynamic property <c>objectId</c>, then the operation property, then the document's
/// id field. Parent id: dynamic property <c>parentId</c>, then the operation property, then the document's parent
/// id field. An id that could change the path (<c>../x</c>, <c>a/b</c>, <c>?q</c>, <c>%2F</c>, control characters,
/// empty) is refused.
/// </summary>
internal static class ObjectIdResolver
{
    public static string BuildPath(OperationContext context, TrackedDocument document, JObject? json) =>
        BuildPath(context, context.Operation, document, json);

    public static string BuildPath(OperationContext context, OperationDescriptor operation, TrackedDocument document, JObject? json)
    {
        var path = operation.Path;
        foreach (var (parameter, fieldId) in operation.PathParameters)
        {
            var value = Resolve(context, document, json, fieldId);
            path = path.Replace("{" + parameter + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>
    /// Whether every id the paths of <paramref name="operations"/> need comes from outside the document's body (its
    /// dynamic properties or the operation's properties), so the body need not be read to build them.
    /// </summary>
    public static bool IdsGivenOutsideBody(OperationContext context, TrackedDocument document, params ReadOnlySpan<OperationDescriptor> operations)
    {
        foreach (var operation in operations)
        {
            foreach (var (_, fieldId) in operation.PathParameters)
            {
                if (Value(document.DynamicProperties, fieldId) is null
                    && !(context.OperationProperties.IsGiven(fieldId) && context.OperationProperties.GetString(fieldId) is not null))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public static string Resolve(OperationContext context, TrackedDocument document, JObject? json, string fieldId)
    {
        var isParent = fieldId == OperationFieldIds.ParentId;
        var property = isParent ? context.ObjectType.ParentIdProperty : context.ObjectType.IdProperty;
        var value = Value(document.DynamicProperties, fieldId)
            ?? (context.OperationProperties.IsGiven(fieldId) ? context.OperationProperties.GetString(fieldId) : null)
            ?? (property is null ? null : ScalarAt(json, property));
        if (value is null || value.Length == 0)
        {
            var where = isParent
                ? $"the '{OperationFieldIds.ParentId}' property{(property is null ? string.Empty : $" or the document's '{property}' field")}"
                : $"the '{OperationFieldIds.ObjectId}' property or the document's '{property}' field";
            throw new DocumentInputException(DocumentInputException.MissingId, $"document '{document.TrackingId}' has no {What(context, isParent)}: give it in {where}");
        }

        var problem = Check(value);
        return problem is null
            ? value
            : throw new DocumentInputException(DocumentInputException.InvalidId, $"document '{document.TrackingId}': the {What(context, isParent)} '{Printable(value)}' is refused: {problem}");
    }

    /// <summary>What the id names, for an error (made only when there is one).</summary>
    private static string What(OperationContext context, bool isParent) =>
        isParent ? $"parent {context.ObjectType.Parent} id" : $"{context.ObjectType.Id} id";

    /// <summary>Says why an id is unsafe in a URL path, or null when it is safe.</summary>
    public static string? Check(string id)
    {
        if (id.Length == 0 || char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]))
        {
            return "it is blank or has leading or trailing spaces";
        }

        if (id is "." or "..")
        {
            return "it would change the path";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return "it contains a control character";
            }

            if (c is '/' or '\\' or '?' or '#' or '%' or '&')
            {
                return $"it contains '{c}', which could change the request path";
            }
        }

        return id.Length > 256 ? "it is longer than 256 characters" : null;
    }

    private static string? Value(IReadOnlyDictionary<string, string?> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value : properties.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? ScalarAt(JObject? json, string dottedPath)
    {
        JToken? current = json;
        foreach (var part in dottedPath.Split('.'))
        {
            current = (current as JObject)?[part];
        }

        return current switch
        {
            JValue { Type: JTokenType.String } s => (string?)s,
            JValue { Type: JTokenType.Integer } n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static string Printable(string value) =>
        new(value.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
