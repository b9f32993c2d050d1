namespace Connector.Core.Browsing;

/// <summary>Which side of an operation a profile describes.</summary>
public enum ObjectDefinitionRole
{
    /// <summary>What the operation takes (request body profile).</summary>
    Input,

    /// <summary>What the operation returns (one output document).</summary>
    Output,
}
