namespace Connector.Core.Browsing;

/// <summary>A field a query may filter on, the operators it allows and whether it sorts.</summary>
/// <param name="Name">The field path (dotted).</param>
/// <param name="Operators">The operator ids allowed on it.</param>
/// <param name="Sortable">Whether it may be used for sorting.</param>
public sealed record FilterableField(string Name, IReadOnlyList<string> Operators, bool Sortable);
