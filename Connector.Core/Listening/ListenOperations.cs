using Connector.Core.Contexts;
using Connector.Core.Hosting;
using Connector.Core.Operations;

namespace Connector.Core.Listening;

/// <summary>How a runtime host gets a LISTEN operation from any connector.</summary>
public static class ListenOperations
{
    /// <summary>Creates the listen operation of a LISTEN context.</summary>
    /// <param name="connector">The connector whose descriptor declares LISTEN for the context's object type; must not be null.</param>
    /// <param name="context">A context whose operation is LISTEN.</param>
    /// <returns>The operation the connector created for the context; where polling resumes comes from each request's checkpoint, not from the operation.</returns>
    /// <exception cref="ArgumentException">The context is not a LISTEN context.</exception>
    /// <exception cref="NotSupportedException">The connector's operation for it cannot listen.</exception>
    public static IListenOperation Create(IConnector connector, OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(context);
        if (context.OperationKind != OperationKind.Listen)
        {
            throw new ArgumentException($"{context.ObjectTypeId} {context.OperationType} is not a LISTEN operation.", nameof(context));
        }

        return connector.CreateOperation(context) as IListenOperation
            ?? throw new NotSupportedException($"The connector {connector.Descriptor.Id} declares LISTEN for {context.ObjectTypeId} but its operation cannot listen.");
    }
}
