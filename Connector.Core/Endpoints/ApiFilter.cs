namespace Connector.Core.Endpoints;

/// <summary>A documented filter of a list endpoint.</summary>
/// <param name="Name">The field path (dotted).</param>
/// <param name="Lookups">The lookups (operators) the endpoint allows on it: eq, ne, in, out, like, ilike, gt, ..., null.</param>
/// <param name="Orderable">Whether the field may be used in ordering.</param>
/// <param name="Search">Whether the field takes part in free-text search.</param>
/// <param name="Nullable">Whether the field may be tested for null.</param>
public sealed record ApiFilter(string Name, IReadOnlyList<string> Lookups, bool Orderable, bool Search, bool Nullable);
