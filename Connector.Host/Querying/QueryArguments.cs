using Connector.Core.Descriptors;
using Connector.Core.Querying;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Querying;

/// <summary>
/// Builds a <see cref="QueryFilter"/> from the query flags: --filter "FIELD OP VALUE" (AND-ed, or OR-ed with --any),
/// --where JSON (a filter tree in the <see cref="QueryFilterJson"/> format), --rql RAW (a raw RQL term), --sort, --select.
/// Operators come from the descriptor (eq ne gt ge lt le like ilike in out null notnull for Connect); in/out take
/// comma-separated values, null/notnull none.
/// </summary>
internal static class QueryArguments
{
    public const string RawOperator = "rql";

    public static QueryFilter Build(
        ConnectorDescriptor descriptor,
        IReadOnlyList<string> filters,
        bool any,
        string? where,
        IReadOnlyList<string> rql,
        IReadOnlyList<string> sorts,
        IReadOnlyList<string> select)
    {
        var parts = new List<FilterExpression>();
        var comparisons = filters.Select(f => ParseFilter(descriptor, f)).ToList<FilterExpression>();
        if (comparisons.Count == 1)
        {
            parts.Add(comparisons[0]);
        }
        else if (comparisons.Count > 1)
        {
            parts.Add(new GroupExpression(any ? GroupOperator.Or : GroupOperator.And, comparisons));
        }

        if (!string.IsNullOrWhiteSpace(where))
        {
            parts.Add(ParseWhere(where));
        }

        foreach (var raw in rql.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            parts.Add(new ComparisonExpression(string.Empty, RawOperator, [raw.Trim()]));
        }

        var expression = parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new GroupExpression(GroupOperator.And, parts),
        };
        var sortSpecifications = sorts.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.TrimStart('-', '+').Length == 0 ? throw new UsageException($"--sort '{s}' names no field") : SortSpecification.Parse(s))
            .ToList();
        var selected = select.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var filter = new QueryFilter(expression, sortSpecifications, selected);
        var problems = QueryFilterValidator.Validate(filter, descriptor);
        return problems.Count > 0 ? throw new UsageException("the query filter is invalid: " + string.Join("; ", problems)) : filter;
    }

    /// <summary>Parses "FIELD OP VALUE".</summary>
    public static ComparisonExpression ParseFilter(ConnectorDescriptor descriptor, string text)
    {
        var trimmed = text.Trim();
        var firstSpace = trimmed.IndexOfAny([' ', '\t']);
        if (firstSpace <= 0)
        {
            throw new UsageException($"--filter '{text}' is not \"FIELD OP VALUE\" (e.g. \"status eq pending\")");
        }

        var field = trimmed[..firstSpace];
        var rest = trimmed[firstSpace..].TrimStart();
        var secondSpace = rest.IndexOfAny([' ', '\t']);
        var op = secondSpace < 0 ? rest : rest[..secondSpace];
        var value = secondSpace < 0 ? null : rest[secondSpace..].Trim();
        var offered = descriptor.QueryOperators.Where(o => !o.Raw).ToList();
        var found = offered.FirstOrDefault(o => string.Equals(o.Id, op, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--filter '{text}': unknown operator '{op}'; valid operators: {string.Join(", ", offered.Select(o => o.Id))}");
        switch (found.Arguments)
        {
            case OperatorArguments.None:
                return string.IsNullOrEmpty(value)
                    ? new ComparisonExpression(field, found.Id, [])
                    : throw new UsageException($"--filter '{text}': '{found.Id}' takes no value");
            case OperatorArguments.One:
                return string.IsNullOrEmpty(value)
                    ? throw new UsageException($"--filter '{text}': '{found.Id}' needs a value")
                    : new ComparisonExpression(field, found.Id, [value]);
            default:
                var values = (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return values.Length == 0
                    ? throw new UsageException($"--filter '{text}': '{found.Id}' needs comma-separated values")
                    : new ComparisonExpression(field, found.Id, values);
        }
    }

    private static FilterExpression ParseWhere(string json)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            return QueryFilterJson.ParseExpression(JToken.ReadFrom(reader));
        }
        catch (JsonReaderException ex)
        {
            throw new UsageException($"--where is not valid JSON: {ex.Message}");
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--where: {ex.Message}");
        }
    }

    /// <summary>
    /// How --select and --fields meet: --select says which fields come back (Connect's select() plus the same
    /// <see cref="FieldProjection"/> on each record), --fields which of those are printed. Without --fields the
    /// printed fields are the ones --select includes (a table's columns too; --results keeps its own columns); a
    /// --fields path that --select drops would always print empty, so it is refused naming the paths.
    /// </summary>
    /// <param name="select">The query's selected fields (<see cref="QueryFilter.SelectedFields"/>).</param>
    /// <param name="fields">--fields, or null.</param>
    /// <param name="results">--results: the fields are then the result lines' columns, not the records'.</param>
    /// <returns>The fields to print, or null for every field (or the object type's key columns in a table).</returns>
    public static IReadOnlyList<string>? OutputFields(IReadOnlyList<string> select, IReadOnlyList<string>? fields, bool results)
    {
        if (results || FieldProjection.From(select) is not { } selection)
        {
            return fields;
        }

        if (fields is null)
        {
            return selection.Included.Count > 0 ? selection.Included : null;
        }

        var dropped = fields.Where(f => !selection.Keeps(f)).ToList();
        return dropped.Count == 0
            ? fields
            : throw new UsageException(
                $"--fields {string.Join(",", dropped)}: --select {string.Join(",", select)} does not return {(dropped.Count == 1 ? "this field" : "these fields")}, so {(dropped.Count == 1 ? "it" : "they")} would print empty; "
                + "add them to --select, or leave --select out (--fields alone picks the printed fields from whole records)");
    }
}
