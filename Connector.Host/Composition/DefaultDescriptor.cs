namespace Connector.Host.Composition;

/// <summary>
/// The host's convention for the descriptor used when none is given: the <c>*.descriptor.json</c> file in the
/// <c>descriptor</c> folder next to the executable (the first by name when there are several), so the host needs no
/// compile-time knowledge of the connector it ships with.
/// </summary>
internal static class DefaultDescriptor
{
    /// <summary>The file name pattern of a descriptor.</summary>
    public const string Pattern = "*.descriptor.json";

    /// <summary>The folder, next to the executable, that holds the shipped descriptor.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "descriptor");

    /// <summary>Finds the shipped descriptor.</summary>
    /// <exception cref="UsageException">The folder holds no descriptor.</exception>
    public static string Find()
    {
        var found = Directory.Exists(Folder) ? Directory.GetFiles(Folder, Pattern).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        return found ?? throw new UsageException($"no descriptor ({Pattern}) in {Folder}: give one with --descriptor PATH");
    }
}
