namespace Connector.Host.Commands;

/// <summary>
/// Checks --out before anything runs: the folder that will hold the downloads must be (or become) a directory the
/// process can write in. A path under an existing file (<c>report.xlsx/x</c>) or somewhere nothing can be created
/// (<c>/proc/x</c>) is a usage error naming the reason, not a crash when the first download arrives.
/// </summary>
internal static class OutPath
{
    public static void Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException("--out needs a path");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--out {path} is not a usable path: {ex.Message}");
        }

        var isDirectory = Directory.Exists(full) || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);
        var folder = isDirectory ? full : Path.GetDirectoryName(full) ?? full;
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new UsageException($"--out {path}: {existing} is a file, not a directory");
            }

            existing = Path.GetDirectoryName(existing) ?? throw new UsageException($"--out {path}: no part of it exists");
        }

        try
        {
            Directory.CreateDirectory(folder);
            using var probe = new FileStream(
                Path.Combine(folder, ".connector-write-check-" + Guid.NewGuid().ToString("N")),
                FileMode.CreateNew,
                FileAccess.Write,
                FileShare.None,
                1,
                FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {path}: cannot write in {folder} ({ex.Message})");
        }
    }
}
