using System.Globalization;
using Connector.Core.Descriptors;
using Connector.Core.Querying;
using Connector.Designer.Api;
using Newtonsoft.Json.Linq;

namespace Connector.Designer.Running;

/// <summary>
/// A query as the page's builder sends it:
/// <c>{"type":"request","where":{"and":[{"field":"status","op":"eq","value":"pending"}]},"sort":["-created"],"select":["id"],"max":100,"parentId":null}</c>
/// (<c>where</c> in the <see cref="QueryFilterJson"/> format).
/// </summary>
internal sealed record QuerySpec(string ObjectType, FilterExpression? Where, JObject? WhereJson, IReadOnlyList<SortSpecification> Sorts, IReadOnlyList<string> Select, int Max, string? ParentId)
{
    /// <summary>The filter the operation receives.</summary>
    public QueryFilter Filter => new(Where, Sorts, Select);

    /// <summary>Reads and checks a query (against the descriptor's operators and the object type's QUERY).</summary>
    /// <exception cref="DesignerRequestException">What is wrong, naming the part.</exception>
    public static QuerySpec Parse(JObject json, ConnectorDescriptor descriptor, int maxRecords)
    {
        var type = (string?)json["type"] ?? throw new DesignerRequestException("\"type\" (the object type) is required");
        FilterExpression? where = null;
        var whereJson = json["where"] as JObject;
        if (whereJson is not null && !(whereJson.TryGetValue("and", out var and) && and is JArray { Count: 0 }))
        {
            try
            {
                where = QueryFilterJson.ParseExpression(whereJson);
            }
            catch (FormatException ex)
            {
                throw new DesignerRequestException("\"where\": " + ex.Message);
            }
        }
        else
        {
            whereJson = null;
        }

        var sorts = (json["sort"] as JArray ?? []).Select(s => (string?)s).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => SortSpecification.Parse(s!)).ToList();
        var select = (json["select"] as JArray ?? []).Select(s => ((string?)s)?.Trim()).Where(s => !string.IsNullOrEmpty(s)).Cast<string>().ToList();
        var max = json["max"]?.Type is JTokenType.Integer ? (int)json["max"]! : 100;
        if (max < 1 || max > maxRecords)
        {
            throw new DesignerRequestException(string.Create(CultureInfo.InvariantCulture, $"\"max\" must be between 1 and {maxRecords}"));
        }

        var parent = (string?)json["parentId"];
        var spec = new QuerySpec(type, where, whereJson, sorts, select, max, string.IsNullOrWhiteSpace(parent) ? null : parent.Trim());
        var problems = QueryFilterValidator.Validate(spec.Filter, descriptor);
        return problems.Count > 0 ? throw new DesignerRequestException("the query filter is invalid: " + string.Join("; ", problems)) : spec;
    }

    /// <summary>The operation properties of a run: the maximum, the parent, and any extra ones.</summary>
    public Dictionary<string, string?> Properties(params (string Key, string Value)[] extra)
    {
        var properties = new Dictionary<string, string?>
        {
            [OperationFieldIds.MaxResults] = Max.ToString(CultureInfo.InvariantCulture),
        };
        if (ParentId is not null)
        {
            properties[OperationFieldIds.ParentId] = ParentId;
        }

        foreach (var (key, value) in extra)
        {
            properties[key] = value;
        }

        return properties;
    }
}
