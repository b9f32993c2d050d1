namespace Connector.Core.Contexts;

/// <summary>A connection or operation property has a value the descriptor does not allow.</summary>
public sealed class InvalidPropertyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="scope">"connection" or "operation".</param>
    /// <param name="propertyId">The descriptor field id of the property, as the caller spelled it (what to fix, for tools that point at it).</param>
    /// <param name="message">What is wrong (never the value of a secret).</param>
    public InvalidPropertyException(string scope, string propertyId, string message)
        : base(message)
    {
        Scope = scope;
        PropertyId = propertyId;
    }

    /// <summary>"connection" or "operation".</summary>
    public string Scope { get; }

    /// <summary>The descriptor field id of the bad property, as the caller spelled it; the message names its label too.</summary>
    public string PropertyId { get; }
}
