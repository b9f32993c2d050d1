namespace Connector.Core.Operations;

/// <summary>The kinds of operation a connector offers, as in Boomi's operation model.</summary>
public enum OperationKind
{
    /// <summary>Read one object by id (inbound).</summary>
    Get,

    /// <summary>Search a collection with a filter (inbound).</summary>
    Query,

    /// <summary>Create an object (outbound).</summary>
    Create,

    /// <summary>Update an object (outbound).</summary>
    Update,

    /// <summary>Delete an object (outbound).</summary>
    Delete,

    /// <summary>Run a custom action identified by a custom type id (outbound).</summary>
    Execute,

    /// <summary>Listen for new and changed objects and hand each on as it appears (listener).</summary>
    Listen,
}
