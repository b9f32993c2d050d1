using Connector.Core.Endpoints;
using Connector.Core.Querying;

namespace Connector.Operations.Querying;

/// <summary>
/// Checks a query's field names against an endpoint's documented filters before any request is sent: the Connect
/// server silently ignores unknown filter names and then returns EVERYTHING, so a typo must fail here.
/// </summary>
/// <remarks>
/// Rules: every filter field must be a documented filter (paths with <c>/</c> are compared in dotted form, exactly,
/// case-sensitively); its operator must be among the field's lookups (eq ne gt ge lt le like ilike in out map 1:1;
/// null and notnull need the <c>null</c> lookup or a field documented as nullable); every sort field must be
/// documented and orderable (how many sort keys is the descriptor's <c>maxSortFields</c>, checked once by
/// <see cref="QueryFilterValidator"/>). Raw <c>rql</c> terms are
/// not checked. Selected fields are response fields, not filters, and are not checked here. When the endpoint
/// documents no filter at all, field names, lookups and orderability cannot be checked and are all allowed. Every problem is reported, not only the first.
/// </remarks>
internal static class QueryFieldValidator
{
    /// <summary>Lists every problem; empty when the filter fits the endpoint.</summary>
    /// <param name="filter">Its fields, operators and sort keys are checked; raw RQL terms and selected fields are not. Must not be null.</param>
    /// <param name="endpoint">The list endpoint (its key names it in messages).</param>
    public static IReadOnlyList<string> Validate(QueryFilter filter, ApiEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Validate(filter, endpoint.Key, endpoint.Filters);
    }

    /// <summary>Lists every problem; empty when the filter fits the documented filters.</summary>
    /// <param name="filter">Its fields, operators and sort keys are checked; raw RQL terms and selected fields are not. Must not be null.</param>
    /// <param name="endpointName">How messages name the endpoint, e.g. <c>GET /requests</c>.</param>
    /// <param name="filters">The endpoint's documented filters.</param>
    public static IReadOnlyList<string> Validate(QueryFilter filter, string endpointName, IReadOnlyList<ApiFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(endpointName);
        ArgumentNullException.ThrowIfNull(filters);
        var problems = new List<string>();
        var byName = new Dictionary<string, ApiFilter>(StringComparer.Ordinal);
        foreach (var documented in filters)
        {
            byName.TryAdd(documented.Name, documented);
        }

        var documentsFilters = byName.Count > 0;
        if (filter.Expression is not null && documentsFilters)
        {
            CheckExpression(filter.Expression, endpointName, byName, problems);
        }

        if (documentsFilters)
        {
            foreach (var sort in filter.Sorts)
            {
                CheckSort(sort, endpointName, byName, problems);
            }
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Throws when the filter does not fit the endpoint.</summary>
    /// <exception cref="InvalidQueryFilterException">Every problem found.</exception>
    public static void EnsureValid(QueryFilter filter, ApiEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        EnsureValid(filter, endpoint.Key, endpoint.Filters);
    }

    /// <summary>Throws when the filter does not fit the documented filters.</summary>
    /// <exception cref="InvalidQueryFilterException">Every problem found.</exception>
    public static void EnsureValid(QueryFilter filter, string endpointName, IReadOnlyList<ApiFilter> filters)
    {
        var problems = Validate(filter, endpointName, filters);
        if (problems.Count > 0)
        {
            throw new InvalidQueryFilterException(problems);
        }
    }

    private static void CheckExpression(FilterExpression expression, string endpointName, Dictionary<string, ApiFilter> byName, List<string> problems)
    {
        switch (expression)
        {
            case ComparisonExpression comparison:
                CheckComparison(comparison, endpointName, byName, problems);
                break;
            case GroupExpression group:
                foreach (var operand in group.Operands)
                {
                    CheckExpression(operand, endpointName, byName, problems);
                }

                break;
            case NotExpression not:
                CheckExpression(not.Operand, endpointName, byName, problems);
                break;
        }
    }

    private static void CheckComparison(ComparisonExpression comparison, string endpointName, Dictionary<string, ApiFilter> byName, List<string> problems)
    {
        if (string.Equals(comparison.Operator, RqlOperator.Raw, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var name = RqlPropertyPath.Normalize(comparison.Property ?? string.Empty);
        if (!byName.TryGetValue(name, out var documented))
        {
            problems.Add($"unknown filter field '{name}' for {endpointName}; filterable fields: {NameList(byName.Keys)}");
            return;
        }

        var lookup = RqlOperator.RequiredLookup(comparison.Operator);
        if (lookup is null)
        {
            problems.Add($"the operator '{comparison.Operator}' on field '{name}' is not an RQL operator; known operators: {string.Join(", ", RqlOperator.Ids)}");
            return;
        }

        var allowed = documented.Lookups.Any(l => string.Equals(l, lookup, StringComparison.OrdinalIgnoreCase))
            || (lookup == RqlOperator.NullLookup && documented.Nullable);
        if (!allowed)
        {
            problems.Add($"field '{name}' does not allow '{comparison.Operator.ToLowerInvariant()}'; allowed: {AllowedOperators(documented)}");
        }
    }

    private static void CheckSort(SortSpecification sort, string endpointName, Dictionary<string, ApiFilter> byName, List<string> problems)
    {
        var name = RqlPropertyPath.Normalize(sort.Property ?? string.Empty);
        var orderable = byName.Values.Where(f => f.Orderable).Select(f => f.Name).ToList();
        var orderableList = orderable.Count == 0 ? "none" : NameList(orderable);
        if (!byName.TryGetValue(name, out var documented))
        {
            problems.Add($"unknown sort field '{name}' for {endpointName}; orderable fields: {orderableList}");
        }
        else if (!documented.Orderable)
        {
            problems.Add($"field '{name}' cannot be used for ordering on {endpointName}; orderable fields: {orderableList}");
        }
    }

    private static string AllowedOperators(ApiFilter documented)
    {
        var operators = documented.Lookups.SelectMany(RqlOperator.OperatorsFor).ToList();
        if (documented.Nullable && !operators.Contains("null"))
        {
            operators.AddRange(["null", "notnull"]);
        }

        return operators.Count == 0 ? "none" : string.Join(", ", operators.Distinct(StringComparer.Ordinal));
    }

    private static string NameList(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));
}
