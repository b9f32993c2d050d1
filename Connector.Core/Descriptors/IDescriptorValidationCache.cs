namespace Connector.Core.Descriptors;

/// <summary>
/// Remembers descriptor contents that passed the descriptor format's JSON Schema, so that a host loading the same
/// descriptor for every command (a command line) pays for the schema validation once per content instead of once per
/// process. Keys change with any byte of the descriptor or of the schema; the rules a schema cannot express
/// (cross references, path parameters, defaults) are still checked on every load.
/// </summary>
public interface IDescriptorValidationCache
{
    /// <summary>Whether content with this key passed the schema before.</summary>
    /// <param name="contentKey">A hash of the schema and the descriptor's bytes (64 hexadecimal characters).</param>
    /// <returns>True to skip the schema validation.</returns>
    bool IsValidated(string contentKey);

    /// <summary>Records that content with this key passed the schema (only called for a descriptor without any problem).</summary>
    /// <param name="contentKey">A hash of the schema and the descriptor's bytes (64 hexadecimal characters).</param>
    void RememberValidated(string contentKey);
}
