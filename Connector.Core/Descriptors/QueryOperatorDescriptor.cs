namespace Connector.Core.Descriptors;

/// <summary>A query filter operator the descriptor offers.</summary>
/// <param name="Id">The operator id (eq, in, null...).</param>
/// <param name="Label">The label a designer shows.</param>
/// <param name="Arguments">How many values it takes.</param>
/// <param name="Raw">Whether its argument is a raw query expression passed through unchanged.</param>
public sealed record QueryOperatorDescriptor(string Id, string Label, OperatorArguments Arguments, bool Raw);
