namespace Connector.Operations.Querying;

/// <summary>
/// The descriptor's query operator ids as the Connect API understands them: how each one is written in RQL,
/// how many values it takes and which documented lookup of a field it needs.
/// </summary>
internal static class RqlOperator
{
    /// <summary>The raw-RQL operator: its single argument is inserted verbatim as one term.</summary>
    public const string Raw = "rql";

    /// <summary>The lookup a field must document for <c>null</c> and <c>notnull</c>.</summary>
    public const string NullLookup = "null";

    private static readonly Dictionary<string, RqlOperatorKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eq"] = RqlOperatorKind.Comparison,
        ["ne"] = RqlOperatorKind.Comparison,
        ["gt"] = RqlOperatorKind.Comparison,
        ["ge"] = RqlOperatorKind.Comparison,
        ["lt"] = RqlOperatorKind.Comparison,
        ["le"] = RqlOperatorKind.Comparison,
        ["like"] = RqlOperatorKind.Search,
        ["ilike"] = RqlOperatorKind.Search,
        ["in"] = RqlOperatorKind.List,
        ["out"] = RqlOperatorKind.List,
        ["null"] = RqlOperatorKind.NullTest,
        ["notnull"] = RqlOperatorKind.NullTest,
        [Raw] = RqlOperatorKind.Raw,
    };

    /// <summary>Every operator id this connector can write, in a stable order.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. Kinds.Keys];

    /// <summary>Finds the kind of an operator id (case-insensitive).</summary>
    public static bool TryGetKind(string operatorId, out RqlOperatorKind kind) => Kinds.TryGetValue(operatorId, out kind);

    /// <summary>
    /// The lookup a documented filter must list for the operator: eq ne gt ge lt le like ilike in out map 1:1,
    /// null and notnull both need <c>null</c>; null for the raw operator and unknown ids.
    /// </summary>
    public static string? RequiredLookup(string operatorId)
    {
        if (!Kinds.TryGetValue(operatorId, out var kind))
        {
            return null;
        }

        return kind switch
        {
            RqlOperatorKind.Raw => null,
            RqlOperatorKind.NullTest => NullLookup,
            _ => operatorId.ToLowerInvariant(),
        };
    }

    /// <summary>The operator ids a documented lookup enables (<c>null</c> enables null and notnull).</summary>
    public static IEnumerable<string> OperatorsFor(string lookup) =>
        string.Equals(lookup, NullLookup, StringComparison.OrdinalIgnoreCase) ? ["null", "notnull"] : [lookup.ToLowerInvariant()];
}
