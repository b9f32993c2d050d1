namespace Connector.OpenApiDerivation.Schemas;

/// <summary>Which direction a converted schema describes; each role gets its own definitions.</summary>
internal enum SchemaRole
{
    /// <summary>A body the connector sends (validated before sending).</summary>
    Request,

    /// <summary>A body Connect returns (validated leniently).</summary>
    Response,
}
