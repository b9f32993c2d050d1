namespace Connector.Operations.Documents;

/// <summary>
/// A temporary file for bytes that pass through the connector (a download on its way to the caller, an upload read from
/// a pipe): created 0600 (owner only) inside its own 0700 temporary folder, deleted with its folder when the stream is
/// disposed (the payload's owner disposes it; a failed transfer disposes it at once).
/// </summary>
internal sealed class PrivateTemporaryFile : FileStream
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _folder;

    private PrivateTemporaryFile(string folder, FileStreamOptions options)
        : base(Path.Combine(folder, "content"), options)
    {
        _folder = folder;
    }

    /// <summary>Creates the file in a new private folder under the system temporary folder.</summary>
    /// <param name="purpose">Names the folder (<c>connect-PURPOSE-...</c>), e.g. <c>download</c> or <c>upload</c>.</param>
    public static PrivateTemporaryFile Create(string purpose)
    {
        // CreateTempSubdirectory makes the folder with mkdtemp on Unix: a fresh name, mode 0700.
        var folder = Directory.CreateTempSubdirectory($"connect-{purpose}-").FullName;
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 81920,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            return new PrivateTemporaryFile(folder, options);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteFolder();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        DeleteFolder();
    }

    private void DeleteFolder()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or held open elsewhere: the file itself is deleted on close.
        }
    }
}
