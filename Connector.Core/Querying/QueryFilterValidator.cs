using Connector.Core.Descriptors;

namespace Connector.Core.Querying;

/// <summary>
/// Checks a query filter against what the descriptor declares: operator ids (and those the operation offers),
/// argument counts, AND/OR/NOT grouping, sort orders and the number of sort keys.
/// Field names are the connector's business (they depend on the endpoint), not this validator's.
/// </summary>
public static class QueryFilterValidator
{
    /// <summary>Lists every problem of a filter; empty when it is valid.</summary>
    /// <param name="filter">The filter to check (expression, sorts, selected fields); must not be null.</param>
    /// <param name="descriptor">Declares the operators, AND/OR/NOT grouping, sort orders and maximum number of sort keys; must not be null.</param>
    /// <param name="operation">The QUERY operation; its operator list, when given, narrows the descriptor's.</param>
    /// <returns>One message per problem, for people; empty when the filter is valid.</returns>
    public static IReadOnlyList<string> Validate(QueryFilter filter, ConnectorDescriptor descriptor, OperationDescriptor? operation = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(descriptor);
        var problems = new List<string>();
        var offered = operation is { Operators.Count: > 0 }
            ? operation.Operators.Select(descriptor.FindQueryOperator).OfType<QueryOperatorDescriptor>().ToList()
            : descriptor.QueryOperators.ToList();
        if (filter.Expression is not null)
        {
            Check(filter.Expression, descriptor, offered, problems);
        }

        if (filter.Sorts.Count > descriptor.MaxSortFields)
        {
            problems.Add($"at most {descriptor.MaxSortFields} sort fields are allowed, {filter.Sorts.Count} were given");
        }

        foreach (var sort in filter.Sorts)
        {
            var id = sort.Direction == SortDirection.Ascending ? "ASC" : "DESC";
            if (string.IsNullOrWhiteSpace(sort.Property))
            {
                problems.Add("a sort key has no field name");
            }

            if (!descriptor.SortOrders.Any(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"the sort order {id} is not offered (offered: {string.Join(", ", descriptor.SortOrders.Select(s => s.Id))})");
            }
        }

        foreach (var field in filter.SelectedFields)
        {
            if (string.IsNullOrWhiteSpace(field))
            {
                problems.Add("a selected field has no name");
            }
        }

        return problems;
    }

    /// <summary>Throws when the filter is invalid.</summary>
    /// <param name="filter">The filter to check; must not be null.</param>
    /// <param name="descriptor">Declares the operators, grouping, sort orders and maximum number of sort keys; must not be null.</param>
    /// <param name="operation">The QUERY operation; its operator list, when given, narrows the descriptor's.</param>
    /// <exception cref="InvalidQueryFilterException">The filter is invalid.</exception>
    public static void EnsureValid(QueryFilter filter, ConnectorDescriptor descriptor, OperationDescriptor? operation = null)
    {
        var problems = Validate(filter, descriptor, operation);
        if (problems.Count > 0)
        {
            throw new InvalidQueryFilterException(problems);
        }
    }

    private static void Check(FilterExpression expression, ConnectorDescriptor descriptor, List<QueryOperatorDescriptor> offered, List<string> problems)
    {
        switch (expression)
        {
            case ComparisonExpression comparison:
                CheckComparison(comparison, offered, problems);
                break;
            case GroupExpression group:
                var allowed = group.Operator == GroupOperator.And ? descriptor.QueryGrouping.And : descriptor.QueryGrouping.Or;
                if (!allowed)
                {
                    problems.Add($"{group.Operator.ToString().ToUpperInvariant()} groups are not allowed by this connector");
                }

                if (group.Operands.Count == 0)
                {
                    problems.Add($"an {group.Operator.ToString().ToUpperInvariant()} group has no operands");
                }

                foreach (var operand in group.Operands)
                {
                    Check(operand, descriptor, offered, problems);
                }

                break;
            case NotExpression not:
                if (!descriptor.QueryGrouping.Not)
                {
                    problems.Add("NOT is not allowed by this connector");
                }

                Check(not.Operand, descriptor, offered, problems);
                break;
            default:
                problems.Add($"unknown expression type {expression.GetType().Name}");
                break;
        }
    }

    private static void CheckComparison(ComparisonExpression comparison, List<QueryOperatorDescriptor> offered, List<string> problems)
    {
        var op = offered.FirstOrDefault(o => string.Equals(o.Id, comparison.Operator, StringComparison.OrdinalIgnoreCase));
        if (op is null)
        {
            problems.Add($"the operator '{comparison.Operator}' (on field '{comparison.Property}') is not offered; offered operators: {string.Join(", ", offered.Select(o => o.Id))}");
            return;
        }

        if (!op.Raw && string.IsNullOrWhiteSpace(comparison.Property))
        {
            problems.Add($"the {op.Id} expression has no field name");
        }

        var count = comparison.Arguments.Count;
        var ok = op.Arguments switch
        {
            OperatorArguments.None => count == 0,
            OperatorArguments.One => count == 1,
            _ => count >= 1,
        };
        if (!ok)
        {
            var expected = op.Arguments switch
            {
                OperatorArguments.None => "no value",
                OperatorArguments.One => "exactly one value",
                _ => "at least one value",
            };
            problems.Add($"the operator '{op.Id}' on field '{comparison.Property}' takes {expected}, {count} given");
        }
    }
}
