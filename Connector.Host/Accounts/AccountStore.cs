using System.Text;
using Connector.Core.Hosting;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Accounts;

/// <summary>
/// The saved accounts: <c>accounts.json</c> in the user's config folder (<c>CONNECTOR_CONFIG_DIR</c>, else
/// <c>$XDG_CONFIG_HOME/connector</c>, else <c>~/.config/connector</c>; <c>%APPDATA%\connector</c> on Windows),
/// holding each account's URL and key and which one is in use. The folder is created 0700 and the file is written
/// 0600 (readable by its owner only) through a temporary file renamed over it, so a reader never sees half a file.
/// </summary>
internal sealed class AccountStore(string folder)
{
    public const string FolderVariable = "CONNECTOR_CONFIG_DIR";
    private const string FileName = "accounts.json";

    public string FilePath => Path.Combine(folder, FileName);

    /// <summary>The store of this user, or null when no config folder can be told (no HOME).</summary>
    public static AccountStore? ForUser(Func<string, string?> environment) =>
        UserFolder.Config(environment, FolderVariable) is { } folder ? new AccountStore(folder) : null;

    /// <summary>The accounts, sorted by name, and the name of the one in use (or null).</summary>
    public (IReadOnlyList<SavedAccount> Accounts, string? Current) Read()
    {
        if (!File.Exists(FilePath))
        {
            return ([], null);
        }

        JObject root;
        try
        {
            root = JObject.Parse(File.ReadAllText(FilePath, Encoding.UTF8));
        }
        catch (JsonException ex)
        {
            throw new UsageException($"the accounts file {FilePath} is not valid JSON ({ex.Message}); fix or delete it");
        }

        var accounts = (root["accounts"] as JObject ?? [])
            .Properties()
            .Select(p => new SavedAccount(p.Name, (string?)p.Value["url"] ?? string.Empty, (string?)p.Value["apiKey"] ?? string.Empty))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        return (accounts, (string?)root["current"]);
    }

    /// <summary>The account of that name, or a usage error listing the saved ones.</summary>
    public SavedAccount Find(string name)
    {
        var (accounts, _) = Read();
        return accounts.FirstOrDefault(a => a.Name == name)
            ?? throw new UsageException(accounts.Count == 0
                ? $"no account '{name}': none is saved ('connector account add NAME --url URL' saves one)"
                : Help.NameSuggestions.Unknown("account", name, accounts.Select(a => a.Name).ToList(), "'connector account list' lists them"));
    }

    /// <summary>The account chosen with 'account use', read from the file on each call; null when none was chosen or it was removed since.</summary>
    public SavedAccount? Current()
    {
        var (accounts, current) = Read();
        return current is null ? null : accounts.FirstOrDefault(a => a.Name == current);
    }

    /// <summary>Adds or replaces an account; the first one saved becomes the one in use.</summary>
    public void Save(SavedAccount account)
    {
        var (accounts, current) = Read();
        Write([.. accounts.Where(a => a.Name != account.Name), account], current ?? account.Name);
    }

    public void Use(string name)
    {
        var (accounts, _) = Read();
        Write(accounts, Find(name).Name);
    }

    public void Remove(string name)
    {
        var (accounts, current) = Read();
        var removed = Find(name);
        Write(accounts.Where(a => a.Name != removed.Name).ToList(), current == removed.Name ? null : current);
    }

    private void Write(IReadOnlyList<SavedAccount> accounts, string? current)
    {
        CreateFolder();
        var root = new JObject
        {
            ["current"] = current,
            ["accounts"] = new JObject(accounts.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new JProperty(a.Name, new JObject { ["url"] = a.Url, ["apiKey"] = a.ApiKey }))),
        };
        var temporary = FilePath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write(root.ToString(Formatting.Indented));
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private void CreateFolder()
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
}
