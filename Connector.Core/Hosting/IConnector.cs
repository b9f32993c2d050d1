using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Operations;

namespace Connector.Core.Hosting;

/// <summary>
/// A connector: created by a host from its descriptor, it creates browsers (design time) and operations (run time)
/// from contexts. The descriptor's <c>implementation</c> names the type; it needs a public constructor whose
/// parameters the host's service provider can supply plus the <see cref="ConnectorDescriptor"/>.
/// </summary>
public interface IConnector
{
    /// <summary>The descriptor the connector was created from.</summary>
    ConnectorDescriptor Descriptor { get; }

    /// <summary>Creates a browser (design time: object types, profiles, fields), served from memory once built.</summary>
    /// <param name="connectionProperties">The connection properties (may be empty for schema browsing).</param>
    /// <param name="cancellationToken">Stops waiting for the catalogue.</param>
    /// <returns>A browser the caller may keep and query repeatedly; it is not disposable, and a connector may hand the same instance to every caller.</returns>
    Task<IBrowser> CreateBrowserAsync(PropertyValues connectionProperties, CancellationToken cancellationToken = default);

    /// <summary>Creates a connection tester; nothing is sent until <see cref="IConnectionTester.TestConnectionAsync"/> is called.</summary>
    /// <param name="connectionProperties">The connection properties to probe with (url, api key...); must not be null.</param>
    /// <returns>A tester bound to these properties; each test call sends a new probe.</returns>
    /// <exception cref="InvalidPropertyException">A connection property is invalid.</exception>
    IConnectionTester CreateConnectionTester(PropertyValues connectionProperties);

    /// <summary>Creates the operation for a context.</summary>
    /// <param name="context">The context (object type, operation, properties).</param>
    /// <returns>A new operation bound to the context; it may be reused for several requests.</returns>
    /// <exception cref="InvalidPropertyException">A connection or operation property is invalid.</exception>
    IOperation CreateOperation(OperationContext context);
}
