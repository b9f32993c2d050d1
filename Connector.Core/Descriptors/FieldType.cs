namespace Connector.Core.Descriptors;

/// <summary>The value type of a connection or operation field.</summary>
public enum FieldType
{
    /// <summary>Free text.</summary>
    String,

    /// <summary>A secret: never logged, never shown.</summary>
    Password,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>True or false.</summary>
    Boolean,
}
