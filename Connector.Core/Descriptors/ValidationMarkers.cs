using Connector.Core.Hosting;

namespace Connector.Core.Descriptors;

/// <summary>
/// The command line's memory of start-up checks that passed, so that every command after the first skips them while
/// their input is unchanged: the descriptor's JSON Schema validation (as the <see cref="IDescriptorValidationCache"/>
/// of <see cref="DescriptorLoader"/>, keyed by content) and the check of its derived OpenAPI data (keyed by
/// <see cref="FileKey"/>). One empty file per key in the user's cache folder (<c>CONNECTOR_CACHE_DIR</c>, else
/// <c>$XDG_CACHE_HOME/connector</c>, else <c>~/.cache/connector</c>; <c>%LOCALAPPDATA%\connector</c> on Windows).
/// Without a cache folder, or when it cannot be written, every command checks.
/// </summary>
internal sealed class ValidationMarkers(string folder) : IDescriptorValidationCache
{
    public const string FolderVariable = "CONNECTOR_CACHE_DIR";

    /// <summary>The markers of this user, or null when no cache folder can be told (no HOME).</summary>
    public static ValidationMarkers? ForUser(Func<string, string?> environment) =>
        UserFolder.Cache(environment, FolderVariable) is { } root ? new ValidationMarkers(Path.Combine(root, "checked")) : null;

    /// <summary>
    /// The key of a file as it is now: its full path, length and last write time (a changed or replaced file has
    /// another key; reading it to hash its content would cost what the marker saves).
    /// </summary>
    public static string FileKey(string purpose, string path)
    {
        var file = new FileInfo(path);
        var identity = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{purpose}\n{file.FullName}\n{file.Length}\n{file.LastWriteTimeUtc.Ticks}");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity)));
    }

    public bool IsValidated(string contentKey) => IsKey(contentKey) && File.Exists(Path.Combine(folder, contentKey));

    public void RememberValidated(string contentKey)
    {
        if (!IsKey(contentKey))
        {
            return;
        }

        try
        {
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            File.WriteAllBytes(Path.Combine(folder, contentKey), []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next command the validation.
        }
    }

    private static bool IsKey(string contentKey) => contentKey.Length == 64 && contentKey.All(char.IsAsciiHexDigitLower);
}
