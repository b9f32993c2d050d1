namespace Connector.Core.Browsing;

/// <summary>The content type of a profile.</summary>
public enum DefinitionContentType
{
    /// <summary>JSON described by a JSON schema.</summary>
    Json,

    /// <summary>Binary data (a file).</summary>
    Binary,

    /// <summary>Nothing.</summary>
    None,
}
