namespace Connector.Core.Descriptors;

/// <summary>Names the connector implementation a host loads, the way Boomi's connector config names its class.</summary>
/// <param name="Assembly">The assembly name (without extension).</param>
/// <param name="Type">The full name of a type implementing <see cref="Hosting.IConnector"/>.</param>
public sealed record ImplementationDescriptor(string Assembly, string Type);
