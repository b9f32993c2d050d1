using Connector.Core.Hosting;

namespace Connector.Designer;

/// <summary>What the designer serves: one connector over one connection, and how to describe it to the page.</summary>
public sealed class DesignerOptions
{
    /// <summary>The connector the page browses and runs (through its public contract only).</summary>
    public required IConnector Connector { get; init; }

    /// <summary>
    /// The connection properties every run uses, by connection field id. They stay in the server: the page never
    /// receives them (the API key is among them).
    /// </summary>
    public required IReadOnlyDictionary<string, string?> ConnectionProperties { get; init; }

    /// <summary>What the page shows as the connection, e.g. <c>embedded sandbox at http://127.0.0.1:5000/public/v1</c>; never a secret.</summary>
    public string ConnectionDescription { get; init; } = string.Empty;

    /// <summary>The command the page's copyable command lines start with (default <c>connector</c>).</summary>
    public string CommandName { get; init; } = "connector";

    /// <summary>
    /// The connection arguments every copyable command line carries after the command name, e.g.
    /// <c>["--url", "https://…"]</c>; empty for the embedded sandbox. Never the API key.
    /// </summary>
    public IReadOnlyList<string> CommandConnectionArguments { get; init; } = [];

    /// <summary>The port on 127.0.0.1 (default 0: a free port).</summary>
    public int Port { get; init; }

    /// <summary>The most records one query run returns to the page (default 1000).</summary>
    public int MaxRecordsPerRun { get; init; } = 1000;
}
