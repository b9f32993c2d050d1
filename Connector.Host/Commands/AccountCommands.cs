using System.CommandLine;
using Connector.Host.Accounts;

namespace Connector.Host.Commands;

/// <summary><c>account add|list|use|remove</c>: saved Connect accounts (URL and key), chosen with --account NAME or 'account use'.</summary>
internal static class AccountCommands
{
    public static Command Create(HostConsole console)
    {
        var command = new Command("account", "Save Connect accounts (URL and API key) and choose the one in use; --url, --api-key and CONNECT_API_URL/CONNECT_API_KEY still override.");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Use(console));
        command.Subcommands.Add(Remove(console));
        return command;
    }

    private static Command Add(HostConsole console)
    {
        var name = NameArgument();
        var url = new Option<string>("--url") { Description = "The account's API URL (https://api.connect.cloudblue.com/public/v1).", Required = true };
        var command = new Command("add", "Save an account: the key is read from stdin (one line) or asked for on the terminal, never from a flag, and stored in a file only you can read (0600).") { name, url };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var accountName = result.GetValue(name)!.Trim();
            var accountUrl = result.GetValue(url)!.Trim();
            if (!Uri.TryCreate(accountUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new UsageException($"--url '{accountUrl}' is not an absolute http(s) URL (e.g. https://api.connect.cloudblue.com/public/v1)");
            }

            var key = await ReadKeyAsync(console, accountName, ct).ConfigureAwait(false);
            var store = Store(console);
            store.Save(new SavedAccount(accountName, accountUrl, key));
            var current = store.Current();
            await console.Error.WriteLineAsync($"saved account '{accountName}' ({accountUrl}) in {store.FilePath}{(current?.Name == accountName ? "; it is the account in use" : $"; 'connector account use {accountName}' makes it the one in use")}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command List(HostConsole console)
    {
        var command = new Command("list", "List the saved accounts (NAME URL; * marks the one in use). Keys are never printed.");
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var (accounts, current) = Store(console).Read();
            if (accounts.Count == 0)
            {
                await console.Error.WriteLineAsync("no saved accounts ('connector account add NAME --url URL' saves one)").ConfigureAwait(false);
            }

            var width = accounts.Count == 0 ? 0 : accounts.Max(a => a.Name.Length);
            foreach (var account in accounts)
            {
                await console.Out.WriteLineAsync($"{(account.Name == current ? "*" : " ")} {account.Name.PadRight(width)}  {account.Url}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Use(HostConsole console)
    {
        var name = NameArgument();
        var command = new Command("use", "Make a saved account the one in use when no --url, --account or CONNECT_API_URL is given.") { name };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            Store(console).Use(result.GetValue(name)!);
            await console.Error.WriteLineAsync($"account '{result.GetValue(name)}' is now in use").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Remove(HostConsole console)
    {
        var name = NameArgument();
        var command = new Command("remove", "Forget a saved account and its key.") { name };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            Store(console).Remove(result.GetValue(name)!);
            await console.Error.WriteLineAsync($"removed account '{result.GetValue(name)}'").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Argument<string> NameArgument() => new("NAME") { Description = "The account's name (e.g. prod, test)." };

    /// <summary>The user's store, or a usage error when there is no config folder to keep it in.</summary>
    public static AccountStore Store(HostConsole console) => AccountStore.ForUser(console.Environment)
        ?? throw new UsageException($"there is no config folder for saved accounts: set HOME, XDG_CONFIG_HOME or {AccountStore.FolderVariable}");

    private static async Task<string> ReadKeyAsync(HostConsole console, string name, CancellationToken cancellationToken)
    {
        string? key;
        if (!console.InputIsTerminal)
        {
            key = await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (console.ReadSecret is not null)
        {
            key = console.ReadSecret($"API key for '{name}' (not shown): ");
        }
        else
        {
            throw new UsageException("give the API key on stdin (e.g. 'connector account add NAME --url URL < key.txt')");
        }

        return string.IsNullOrWhiteSpace(key) ? throw new UsageException("no API key was given (one line on stdin, or typed at the prompt)") : key.Trim();
    }
}
