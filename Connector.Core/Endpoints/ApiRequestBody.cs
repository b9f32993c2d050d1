using Newtonsoft.Json.Linq;

namespace Connector.Core.Endpoints;

/// <summary>The documented request body of an endpoint.</summary>
/// <param name="ContentType">application/json or multipart/form-data.</param>
/// <param name="Schema">The body schema; its references point into the catalog's definitions.</param>
/// <param name="Examples">The document's own request examples.</param>
public sealed record ApiRequestBody(string ContentType, JObject? Schema, IReadOnlyList<JToken> Examples);
