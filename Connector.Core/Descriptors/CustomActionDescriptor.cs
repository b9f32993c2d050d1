namespace Connector.Core.Descriptors;

/// <summary>A custom action: an EXECUTE operation with a custom type id (APPROVE, INQUIRE, ...).</summary>
/// <param name="Id">The action id, UPPER_SNAKE_CASE.</param>
/// <param name="Label">The label a designer shows.</param>
/// <param name="Description">What the action does.</param>
public sealed record CustomActionDescriptor(string Id, string Label, string? Description);
