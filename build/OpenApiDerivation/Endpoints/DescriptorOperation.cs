namespace Connector.OpenApiDerivation.Endpoints;

/// <summary>One operation of the connector descriptor: an HTTP method and the descriptor's path template.</summary>
/// <param name="ObjectType">The descriptor object type id, for error messages.</param>
/// <param name="Method">Upper-case HTTP method.</param>
/// <param name="Path">The descriptor's path template, e.g. <c>/products/{product_id}/items/{id}</c>.</param>
internal sealed record DescriptorOperation(string ObjectType, string Method, string Path);
