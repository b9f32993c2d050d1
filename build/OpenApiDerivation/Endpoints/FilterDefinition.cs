namespace Connector.OpenApiDerivation.Endpoints;

/// <summary>An RQL filter a list endpoint documents as a query parameter.</summary>
/// <param name="Name">The field path, e.g. <c>status</c> or <c>product.id</c>.</param>
/// <param name="Lookups">The allowed RQL operators in document order.</param>
/// <param name="Orderable">True when the field can be used in <c>ordering()</c>.</param>
/// <param name="Search">True when the field takes part in <c>search=</c>.</param>
/// <param name="Nullable">True when the field can be compared with null.</param>
internal sealed record FilterDefinition(string Name, IReadOnlyList<string> Lookups, bool Orderable, bool Search, bool Nullable);
