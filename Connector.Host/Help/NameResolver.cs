using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Operations;

namespace Connector.Host.Help;

/// <summary>Finds object types and operations by the names a person typed; a miss is a usage error with "did you mean".</summary>
internal static class NameResolver
{
    public static ObjectTypeDescriptor ObjectType(ConnectorDescriptor descriptor, string given)
    {
        try
        {
            return OperationContext.ResolveObjectType(descriptor, given);
        }
        catch (UnknownOperationException ex)
        {
            throw new UsageException(NameSuggestions.Unknown("object type", given, ex.ValidChoices.ToList(), "'connector types' lists them"));
        }
    }

    /// <summary>An operation or action; for <c>exec</c> (<paramref name="actionsOnly"/>) the suggestions are the actions.</summary>
    public static OperationDescriptor Operation(ObjectTypeDescriptor type, string given, bool actionsOnly = false)
    {
        try
        {
            return OperationContext.ResolveOperation(type, given);
        }
        catch (UnknownOperationException ex)
        {
            var valid = actionsOnly
                ? type.Operations.Where(o => o.Type.Kind == OperationKind.Execute).Select(o => o.Type.ToDisplayName()).ToList()
                : ex.ValidChoices.ToList();
            throw new UsageException(NameSuggestions.Unknown(actionsOnly ? "action" : "operation", given, valid, $"'connector describe {type.Id}' lists them"));
        }
    }
}
