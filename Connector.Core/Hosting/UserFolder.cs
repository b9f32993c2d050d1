namespace Connector.Core.Hosting;

/// <summary>
/// Where the command line keeps a user's files, by each platform's convention: an override variable first
/// (<c>CONNECTOR_CONFIG_DIR</c>, <c>CONNECTOR_CACHE_DIR</c>), then <c>%APPDATA%</c>/<c>%LOCALAPPDATA%</c> on Windows,
/// else the XDG variable, else a folder under <c>HOME</c>; each ending in <c>connector</c> unless overridden.
/// </summary>
internal static class UserFolder
{
    /// <summary>The config folder (saved accounts), or null when none can be told (no HOME).</summary>
    public static string? Config(Func<string, string?> environment, string overrideVariable) =>
        Resolve(environment, overrideVariable, "APPDATA", "XDG_CONFIG_HOME", ".config");

    /// <summary>The cache folder (remembered start-up checks), or null when none can be told (no HOME).</summary>
    public static string? Cache(Func<string, string?> environment, string overrideVariable) =>
        Resolve(environment, overrideVariable, "LOCALAPPDATA", "XDG_CACHE_HOME", ".cache");

    private static string? Resolve(Func<string, string?> environment, string overrideVariable, string windowsVariable, string xdgVariable, string homeFolder)
    {
        if (environment(overrideVariable) is { Length: > 0 } overridden)
        {
            return overridden;
        }

        var root = OperatingSystem.IsWindows() ? environment(windowsVariable)
            : environment(xdgVariable) is { Length: > 0 } xdg ? xdg
            : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, homeFolder)
            : null;
        return root is { Length: > 0 } ? Path.Combine(root, "connector") : null;
    }
}
