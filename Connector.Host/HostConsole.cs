namespace Connector.Host;

/// <summary>The process's streams and environment, as the host sees them (tests pass their own).</summary>
/// <param name="In">Standard input (NDJSON documents, ids).</param>
/// <param name="Out">Standard output (one JSON line per output document).</param>
/// <param name="Error">Standard error (messages, progress, summary, logs).</param>
/// <param name="Environment">Looks up an environment variable (CONNECT_API_URL, CONNECT_API_KEY).</param>
/// <param name="ErrorIsTerminal">Whether stderr is a terminal (a live progress line is drawn then).</param>
/// <param name="InputIsTerminal">Whether stdin is a terminal (then it is not read for documents).</param>
/// <param name="OutputIsTerminal">Whether stdout is a terminal (then records print as a table, and summaries need no command name).</param>
/// <param name="ReadSecret">Prompts on the terminal and reads a line without echoing it (null: no terminal to ask on).</param>
/// <param name="OutputWidth">The terminal's width in columns a table fits in (0: no limit).</param>
internal sealed record HostConsole(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> Environment,
    bool ErrorIsTerminal = false,
    bool InputIsTerminal = false,
    bool OutputIsTerminal = false,
    int OutputWidth = 0,
    Func<string, string?>? ReadSecret = null);
