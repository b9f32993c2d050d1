using Connector.Core.Contexts;
using NJsonSchema;

namespace Connector.Core.Browsing;

/// <summary>
/// Optional capability of a connector: the INPUT profile of one operation, built alone (the same schema the browser's
/// INPUT definition holds), for hosts that need one profile without waiting for a whole browser (typing command-line
/// values). Hosts test for it with <c>is</c> and fall back to <see cref="IBrowser.GetObjectDefinitions"/>.
/// </summary>
public interface IInputProfileSource
{
    /// <summary>The JSON schema of the operation's input document (for a JSON array body: one element), or null when it takes no JSON body.</summary>
    /// <param name="context">The operation's context (object type and operation).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The schema, or null.</returns>
    Task<JsonSchema?> GetInputProfileAsync(OperationContext context, CancellationToken cancellationToken = default);
}
