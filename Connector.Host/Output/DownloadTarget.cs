using System.Globalization;

namespace Connector.Host.Output;

/// <summary>
/// Where downloaded files go (--out PATH): when PATH is an existing directory (or ends with a separator) each file is
/// written inside it as TRACKING-ID.EXT; otherwise the first file is PATH, the next PATH.1, PATH.2, ...
/// </summary>
internal sealed class DownloadTarget(string path)
{
    private int _count;

    public string NextPath(string trackingId, string contentType)
    {
        var index = _count++;
        var isDirectory = Directory.Exists(path) || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);
        if (isDirectory)
        {
            Directory.CreateDirectory(path);
            var safe = string.Concat(trackingId.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
            return Path.Combine(path, safe + ExtensionOf(contentType));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return index == 0 ? path : path + "." + index.ToString(CultureInfo.InvariantCulture);
    }

    private static string ExtensionOf(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ".xlsx",
        "application/json" => ".json",
        "text/csv" => ".csv",
        "text/plain" => ".txt",
        "application/zip" => ".zip",
        "application/pdf" => ".pdf",
        _ => ".bin",
    };
}
