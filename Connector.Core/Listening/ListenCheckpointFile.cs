using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Listening;

/// <summary>
/// Keeps a listener's checkpoint in a JSON file, written atomically: the new content goes to a temporary file in the
/// same directory, is flushed to disk, then renamed over the old one, so a crash leaves either the old or the new
/// checkpoint, never a torn one.
/// </summary>
/// <param name="path">The checkpoint file.</param>
public sealed class ListenCheckpointFile(string path)
{
    private const int FormatVersion = 1;

    /// <summary>The checkpoint file's full path.</summary>
    public string FullPath { get; } = Path.GetFullPath(path);

    /// <summary>Reads the checkpoint; <see cref="ListenCheckpoint.Start"/> when the file does not exist.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint last saved, or <see cref="ListenCheckpoint.Start"/> when the file does not exist.</returns>
    /// <exception cref="InvalidDataException">The file is not a checkpoint this version wrote.</exception>
    public async Task<ListenCheckpoint> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(FullPath))
        {
            return ListenCheckpoint.Start;
        }

        var text = await File.ReadAllTextAsync(FullPath, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            var root = JObject.Load(reader);
            if ((int?)root["version"] != FormatVersion)
            {
                throw new InvalidDataException($"the checkpoint file {FullPath} has an unknown format version");
            }

            return new ListenCheckpoint(Cursor(root["cursor"]), (root["recent"] as JArray ?? []).Select(Cursor).OfType<ListenCursor>().ToList());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the checkpoint file {FullPath} is not valid JSON ({ex.Message})", ex);
        }
    }

    /// <summary>Writes the checkpoint atomically (temporary file, flush to disk, rename).</summary>
    /// <param name="checkpoint">The checkpoint to persist (its cursor and recent changes); it replaces the file's whole content. Must not be null.</param>
    /// <param name="cancellationToken">Cancels the write (the old checkpoint then stays).</param>
    /// <returns>A task that completes once the new checkpoint is in place.</returns>
    public async Task SaveAsync(ListenCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var root = new JObject
        {
            ["version"] = FormatVersion,
            ["cursor"] = Json(checkpoint.Cursor),
            ["recent"] = new JArray(checkpoint.Recent.Select(Json)),
        };
        var directory = Path.GetDirectoryName(FullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(FullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var bytes = Encoding.UTF8.GetBytes(root.ToString(Formatting.None));
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static JToken Json(ListenCursor? cursor) =>
        cursor is null ? JValue.CreateNull() : new JObject { ["at"] = cursor.At, ["id"] = cursor.Id, ["version"] = cursor.Version };

    private static ListenCursor? Cursor(JToken? token) =>
        token is JObject o && o["id"] is JValue { Type: JTokenType.String } id
            ? new ListenCursor((string?)o["at"] ?? string.Empty, (string)id!, (string?)o["version"])
            : null;
}
