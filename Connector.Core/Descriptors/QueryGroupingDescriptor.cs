namespace Connector.Core.Descriptors;

/// <summary>Which logical groupings a query filter may use.</summary>
/// <param name="And">Whether a filter may combine expressions with AND; when false, any AND group in the tree is refused.</param>
/// <param name="Or">Whether a filter may combine expressions with OR; when false, any OR group in the tree is refused.</param>
/// <param name="Not">Whether a filter may negate an expression; when false, a NOT anywhere in the tree is refused.</param>
public sealed record QueryGroupingDescriptor(bool And, bool Or, bool Not);
