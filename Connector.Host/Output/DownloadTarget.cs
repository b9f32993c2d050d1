using System.Collections.Concurrent;
using System.Globalization;

namespace Connector.Host.Output;

/// <summary>
/// Where downloaded files go (--out PATH). When PATH is an existing directory (or ends with a separator) each file is
/// written inside it named by the object it came from (<c>UFC-0042-0000-0001.xlsx</c>; the tracking id when the
/// object id is not known; <c>ID.1.xlsx</c>, ... for more files of one object). Otherwise the first file is PATH and
/// the next ones keep its extension: <c>x.1.xlsx</c>, <c>x.2.xlsx</c>.
/// </summary>
internal sealed class DownloadTarget(string path)
{
    private readonly ConcurrentDictionary<string, string> _objectIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _taken = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Remembers which object a document is about, so that its file is named by the object's id.</summary>
    public void Remember(string trackingId, string? objectId)
    {
        if (!string.IsNullOrWhiteSpace(objectId))
        {
            _objectIds[trackingId] = objectId;
        }
    }

    public string NextPath(string trackingId, string contentType)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        var isDirectory = Directory.Exists(path) || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);
        if (isDirectory)
        {
            Directory.CreateDirectory(path);
            var name = _objectIds.GetValueOrDefault(trackingId) ?? trackingId;
            var safe = string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
            var extension = ExtensionOf(contentType);
            var taken = _taken.AddOrUpdate(safe + extension, 0, (_, n) => n + 1);
            return Path.Combine(path, Numbered(safe + extension, taken));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return Numbered(path, index);
    }

    /// <summary>The n-th name of a series: <c>x.xlsx</c>, <c>x.1.xlsx</c>, <c>x.2.xlsx</c> (an extensionless <c>x</c>: <c>x.1</c>).</summary>
    public static string Numbered(string fileName, int n)
    {
        if (n == 0)
        {
            return fileName;
        }

        var extension = Path.GetExtension(fileName);
        var stem = fileName[..^extension.Length];
        return stem + "." + n.ToString(CultureInfo.InvariantCulture) + extension;
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
