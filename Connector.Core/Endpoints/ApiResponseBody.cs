using Newtonsoft.Json.Linq;

namespace Connector.Core.Endpoints;

/// <summary>A documented success response of an endpoint.</summary>
/// <param name="Status">The status code.</param>
/// <param name="ContentType">The content type, or null when there is no body.</param>
/// <param name="Schema">The body schema for JSON bodies; its references point into the catalog's definitions.</param>
public sealed record ApiResponseBody(int Status, string? ContentType, JObject? Schema);
