using System.Globalization;

namespace Connector.Host.Input;

/// <summary>
/// Opens the file given with --file for an upload, refusing before anything is read or sent (a usage error, exit 2)
/// what cannot be one: a directory, a missing or unreadable file, a file over <see cref="MaxBytes"/>, and anything
/// with a size that says nothing (an empty file, a device such as /dev/zero or /dev/urandom, a /proc file). A FIFO
/// or pipe (<c>--file &lt;(command)</c>) has no size to check: it is streamed and refused by the operation past the limit.
/// </summary>
internal static class UploadFile
{
    /// <summary>The largest upload (the operations' own limit).</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public static FileStream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"--file {path} is a directory: give the file to upload");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--file {path}: no such file");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--file {path} cannot be read: {ex.Message}");
        }

        var problem = !stream.CanSeek ? null
            : stream.Length == 0 ? "is empty or is not a regular file (a device or /proc file has no size to check); give a regular file or a FIFO"
            : stream.Length > MaxBytes ? string.Create(CultureInfo.InvariantCulture, $"is {stream.Length / (1024 * 1024):N0} MB; the largest upload is {MaxBytes / (1024 * 1024)} MB")
            : null;
        if (problem is not null)
        {
            stream.Dispose();
            throw new UsageException($"--file {path} {problem}");
        }

        return stream;
    }
}
