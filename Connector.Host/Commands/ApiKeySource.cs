using System.Text;

namespace Connector.Host.Commands;

/// <summary>
/// Where the API key comes from besides the environment: <c>--api-key KEY</c>, <c>--api-key -</c> (the first line of
/// stdin; documents, if any, follow on the next lines) or <c>--api-key-file PATH</c> (its first line). At most one of
/// them; a key over <see cref="MaxKeyLength"/> characters or an empty one is a usage error that never quotes it.
/// </summary>
internal static class ApiKeySource
{
    /// <summary>Far longer than any Connect key: a longer first line is not a key.</summary>
    public const int MaxKeyLength = 4096;

    public static string? Read(string? apiKey, string? apiKeyFile, HostConsole console)
    {
        if (apiKey is not null && apiKeyFile is not null)
        {
            throw new UsageException("--api-key and --api-key-file exclude each other: give the key one way");
        }

        if (apiKeyFile is not null)
        {
            return FromFile(apiKeyFile);
        }

        if (apiKey != "-")
        {
            return apiKey;
        }

        if (console.InputIsTerminal)
        {
            throw new UsageException("--api-key -: stdin is a terminal; pipe the key in (e.g. --api-key - < keyfile) or use --api-key-file PATH");
        }

        return Checked(FirstLine(console.In), "--api-key - (the first line of stdin)");
    }

    private static string FromFile(string path)
    {
        if (Directory.Exists(path) || !File.Exists(path))
        {
            throw new UsageException($"--api-key-file {path}: no such file");
        }

        try
        {
            using var reader = new StreamReader(path);
            return Checked(FirstLine(reader), $"--api-key-file {path}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--api-key-file {path} cannot be read ({ex.GetType().Name})");
        }
    }

    /// <summary>Reads one line a character at a time (the rest of the reader stays unread), at most one character past the limit.</summary>
    private static string FirstLine(TextReader reader)
    {
        var line = new StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0 && c != '\n' && line.Length <= MaxKeyLength)
        {
            line.Append((char)c);
        }

        return line.ToString().Trim();
    }

    private static string Checked(string key, string where) => key.Length == 0
        ? throw new UsageException($"{where}: no key there")
        : key.Length > MaxKeyLength
            ? throw new UsageException($"{where}: the first line is longer than {MaxKeyLength} characters, so it is not an API key")
            : key;
}
