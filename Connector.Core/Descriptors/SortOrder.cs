namespace Connector.Core.Descriptors;

/// <summary>A sort order the descriptor offers.</summary>
/// <param name="Id">ASC or DESC.</param>
/// <param name="Label">The label a designer shows.</param>
public sealed record SortOrder(string Id, string Label);
