using Connector.Core.Descriptors;
using Connector.Core.Endpoints;

namespace Connector.Browse.Browsing;

/// <summary>
/// Maps the lookups the API document allows on a filter field to the descriptor's query operator ids:
/// eq ne gt ge lt le like ilike in out map one to one; the <c>null</c> lookup (<c>field=null()</c>, negatable)
/// offers both <c>null</c> and <c>notnull</c>. Only operators the QUERY operation offers appear, in descriptor order.
/// Raw operators (<c>rql</c>) take a whole expression, not a field, so they are never a field's operator.
/// </summary>
internal static class FilterOperatorMapping
{
    private static readonly Dictionary<string, string[]> OperatorsByLookup = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eq"] = ["eq"],
        ["ne"] = ["ne"],
        ["gt"] = ["gt"],
        ["ge"] = ["ge"],
        ["lt"] = ["lt"],
        ["le"] = ["le"],
        ["like"] = ["like"],
        ["ilike"] = ["ilike"],
        ["in"] = ["in"],
        ["out"] = ["out"],
        ["null"] = ["null", "notnull"],
    };

    /// <summary>The operator ids of the QUERY operation: its own list, or every declared non-raw operator when it has none.</summary>
    public static IReadOnlyList<string> OfferedOperators(ConnectorDescriptor descriptor, OperationDescriptor query)
    {
        var declared = descriptor.QueryOperators.Where(o => !o.Raw).Select(o => o.Id);
        return query.Operators.Count == 0
            ? declared.ToList()
            : declared.Where(id => query.Operators.Contains(id, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The operators a filter field allows, in the order of <paramref name="offered"/>.</summary>
    public static IReadOnlyList<string> OperatorsOf(ApiFilter filter, IReadOnlyList<string> offered)
    {
        var supported = filter.Lookups
            .SelectMany(l => OperatorsByLookup.GetValueOrDefault(l) ?? [])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return offered.Where(supported.Contains).ToList();
    }
}
