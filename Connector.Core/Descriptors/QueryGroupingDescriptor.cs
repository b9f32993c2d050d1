namespace Connector.Core.Descriptors;

/// <summary>Which logical groupings a query filter may use.</summary>
/// <param name="And">AND groups are allowed.</param>
/// <param name="Or">OR groups are allowed.</param>
/// <param name="Not">NOT is allowed.</param>
public sealed record QueryGroupingDescriptor(bool And, bool Or, bool Not);
