namespace Connector.OpenApiDerivation.Endpoints;

/// <summary>The filter notes of one query parameter description.</summary>
/// <param name="Lookups">The RQL operators listed after <c>**lookups:**</c> (may be empty: select-only fields).</param>
/// <param name="Orderable">True when <c>**ordering:** true</c> is present.</param>
/// <param name="Search">True when <c>**search:** true</c> is present.</param>
/// <param name="Nullable">True when <c>null</c> is a lookup or a <c>**null:**</c> line is present.</param>
internal sealed record ParsedFilterNotes(IReadOnlyList<string> Lookups, bool Orderable, bool Search, bool Nullable);
