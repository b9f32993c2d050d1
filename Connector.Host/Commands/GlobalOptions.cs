using System.CommandLine;
using Connector.Host.Composition;
using Microsoft.Extensions.Logging;

namespace Connector.Host.Commands;

/// <summary>The options every command accepts (recursive on the root command).</summary>
internal sealed class GlobalOptions
{
    public const string UrlVariable = "CONNECT_API_URL";
    public const string ApiKeyVariable = "CONNECT_API_KEY";

    public Option<string?> Descriptor { get; } = new("--descriptor")
    {
        Description = $"The connector descriptor (default: the {DefaultDescriptor.Pattern} in the descriptor folder next to the executable).",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The API URL, e.g. https://api.connect.cloudblue.com/public/v1 (env {UrlVariable}). Without one the embedded sandbox starts.",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key; '-' reads it from the first line of stdin. Prefer env {ApiKeyVariable} or --api-key-file: a key on the command line is visible to every user in the process list. Never printed.",
        HelpName = "KEY|-",
        Recursive = true,
    };

    public Option<string?> ApiKeyFile { get; } = new("--api-key-file")
    {
        Description = "Read the API key from this file (its first line; keep it readable only by you).",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<string?> Account { get; } = new("--account")
    {
        Description = "Use a saved account ('connector account add'); --url, --api-key and the environment override its URL and key. Default: the account in use ('account use'), if any.",
        HelpName = "NAME",
        Recursive = true,
    };

    public Option<bool> AllowInsecure { get; } = new("--allow-insecure")
    {
        Description = "Allow http:// to a host other than loopback (the key travels unencrypted).",
        Recursive = true,
    };

    public Option<bool> DryRun { get; } = new("--dry-run")
    {
        Description = "Send nothing: print each HTTP request a command would send (method, full URL with its RQL query, body; never the key).",
        Recursive = true,
    };

    public Option<bool> AllowExternalAssembly { get; } = new("--allow-external-assembly")
    {
        Description = "Let the descriptor load its connector assembly from outside its own folder and this program's (a descriptor that names code is trusted input).",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log information messages to stderr (-vv: debug messages).",
        Recursive = true,
    };

    public Option<bool> VeryVerbose { get; } = new("-vv")
    {
        Description = "Log debug messages to stderr.",
        Recursive = true,
    };

    public Option<bool> Progress { get; } = new("--progress")
    {
        Description = "Draw the live progress line on stderr even when it is not a terminal.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Descriptor);
        root.Options.Add(Url);
        root.Options.Add(ApiKey);
        root.Options.Add(ApiKeyFile);
        root.Options.Add(Account);
        root.Options.Add(AllowInsecure);
        root.Options.Add(DryRun);
        root.Options.Add(AllowExternalAssembly);
        root.Options.Add(Verbose);
        root.Options.Add(VeryVerbose);
        root.Options.Add(Progress);
    }

    /// <summary>The account named by --account, else the one in use when no URL was given by a flag or the environment.</summary>
    private Accounts.SavedAccount? SavedAccount(ParseResult result, HostConsole console, bool urlGivenElsewhere)
    {
        var name = result.GetValue(Account);
        if (!string.IsNullOrWhiteSpace(name))
        {
            return AccountCommands.Store(console).Find(name.Trim());
        }

        return urlGivenElsewhere ? null : Accounts.AccountStore.ForUser(console.Environment)?.Current();
    }

    public HostSettings Read(ParseResult result, HostConsole console)
    {
        var url = result.GetValue(Url);
        var urlGiven = !string.IsNullOrWhiteSpace(url);
        if (!urlGiven)
        {
            url = console.Environment(UrlVariable);
        }

        var apiKey = ApiKeySource.Read(result.GetValue(ApiKey), result.GetValue(ApiKeyFile), console);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            apiKey = console.Environment(ApiKeyVariable);
        }

        if (SavedAccount(result, console, urlGivenElsewhere: !string.IsNullOrWhiteSpace(url)) is { } account)
        {
            url = string.IsNullOrWhiteSpace(url) ? account.Url : url;

            // An account's key only ever goes to the account's own URL.
            if (string.IsNullOrWhiteSpace(apiKey) && string.Equals(url.Trim().TrimEnd('/'), account.Url.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                apiKey = account.ApiKey;
            }
        }

        var level = result.GetValue(VeryVerbose) ? LogLevel.Debug : result.GetValue(Verbose) ? LogLevel.Information : LogLevel.Warning;
        return new HostSettings(
            result.GetValue(Descriptor) ?? DefaultDescriptor.Find(),
            string.IsNullOrWhiteSpace(url) ? null : url.Trim(),
            string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(),
            result.GetValue(AllowInsecure),
            level,
            result.GetValue(Progress),
            result.GetValue(AllowExternalAssembly),
            result.GetValue(DryRun));
    }
}
