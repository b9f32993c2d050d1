using System.Reflection;
using System.Security.Cryptography;

namespace Connector.Core.Descriptors;

/// <summary>
/// The descriptor format's JSON Schema as embedded in Connector.Core, and the content keys a validation cache files
/// descriptors under. Kept apart from <see cref="DescriptorSchemaValidator"/> so that a load whose validation is
/// remembered computes its key without initializing (or loading) NJsonSchema.
/// </summary>
internal static class DescriptorFormatSchema
{
    private const string ResourceName = "Connector.Core.connector-descriptor.schema.json";
    private static readonly Lazy<byte[]> SchemaHash = new(HashSchema);

    /// <summary>
    /// The key under which a validation cache remembers this content: SHA-256 over the schema's hash and the
    /// descriptor's bytes, so that a new schema (a new connector version) validates everything again.
    /// </summary>
    public static string ContentKey(byte[] descriptor)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(SchemaHash.Value);
        hash.AppendData(descriptor);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Opens the embedded schema; the caller disposes the stream.</summary>
    public static Stream Open() => Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException("The descriptor format schema is not embedded in Connector.Core.");

    private static byte[] HashSchema()
    {
        using var stream = Open();
        return SHA256.HashData(stream);
    }
}
