namespace Connector.Operations.Outbound;

/// <summary>
/// The temporary file a download streams into: created 0600 (owner only) inside its own 0700 temporary folder, deleted
/// with its folder when the stream is disposed (the payload's owner disposes it; a failed download disposes it at once).
/// </summary>
internal sealed class DownloadFile : FileStream
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _folder;

    private DownloadFile(string folder, FileStreamOptions options)
        : base(Path.Combine(folder, "download"), options)
    {
        _folder = folder;
    }

    /// <summary>Creates the file in a new private folder under the system temporary folder.</summary>
    public static DownloadFile Create()
    {
        // CreateTempSubdirectory makes the folder with mkdtemp on Unix: a fresh name, mode 0700.
        var folder = Directory.CreateTempSubdirectory("connect-download-").FullName;
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
            return new DownloadFile(folder, options);
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
