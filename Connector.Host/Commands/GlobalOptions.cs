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

    public Option<bool> AllowInsecure { get; } = new("--allow-insecure")
    {
        Description = "Allow http:// to a host other than loopback (the key travels unencrypted).",
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
        root.Options.Add(AllowInsecure);
        root.Options.Add(AllowExternalAssembly);
        root.Options.Add(Verbose);
        root.Options.Add(VeryVerbose);
        root.Options.Add(Progress);
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

        var level = result.GetValue(VeryVerbose) ? LogLevel.Debug : result.GetValue(Verbose) ? LogLevel.Information : LogLevel.Warning;
        return new HostSettings(
            result.GetValue(Descriptor) ?? DefaultDescriptor.Find(),
            string.IsNullOrWhiteSpace(url) ? null : url.Trim(),
            string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(),
            result.GetValue(AllowInsecure),
            level,
            result.GetValue(Progress),
            result.GetValue(AllowExternalAssembly));
    }
}
