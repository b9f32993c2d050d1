using Connector.Core.Contexts;
using Connector.Core.Operations;

namespace Connector.Core.RawApi;

/// <summary>
/// Optional capability of a connector whose API speaks HTTP and JSON: it also sends requests its descriptor does not
/// declare (the escape hatch for endpoints not covered yet), through the same HTTP stack as its operations (the same
/// authentication, retries, answer limits, redaction, logging and dry run). Hosts test for it with <c>is</c>.
/// </summary>
public interface IRawApiConnector
{
    /// <summary>
    /// Creates the operation that sends <paramref name="request"/>. It takes one input document, the request body
    /// (empty for none), and reports each JSON value of the answer as a partial result (each element of an array
    /// answer, every page's elements with <see cref="RawApiRequest.Paginate"/>), then the document's final result;
    /// an error answer is a final APPLICATION_ERROR (4xx) or FAILURE (5xx, transport) result naming the HTTP status.
    /// </summary>
    /// <param name="connectionProperties">The connection properties (URL, key, limits, dry run).</param>
    /// <param name="request">What to send.</param>
    /// <returns>A new operation bound to this request and these connection properties; like any operation it may serve several runs.</returns>
    /// <exception cref="InvalidPropertyException">A connection property is invalid.</exception>
    /// <exception cref="ArgumentException">The request cannot be sent (a method the API does not use, a path leaving the API).</exception>
    IOperation CreateRawApiOperation(PropertyValues connectionProperties, RawApiRequest request);
}
