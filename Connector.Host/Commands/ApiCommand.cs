using System.CommandLine;
using System.Text;
using Connector.Core.Contexts;
using Connector.Core.Documents;
using Connector.Core.RawApi;
using Connector.Host.Composition;

namespace Connector.Host.Commands;

/// <summary>
/// <c>connector api METHOD PATH</c>: an authenticated request to any endpoint, for what the descriptor does not cover
/// yet. It goes through the connector's own HTTP stack (<see cref="IRawApiConnector"/>), so retries, answer limits,
/// redaction, -vv logging, --dry-run and the connection options are those of every other command; the answer prints
/// like a query's records (an array one element per line) and errors like any operation's.
/// </summary>
internal static class ApiCommand
{
    /// <summary>The largest body read from stdin or a file (a Connect request body is never that big).</summary>
    public const int MaxBodyChars = 4 * 1024 * 1024;

    public static Command Create(GlobalOptions global, HostConsole console)
    {
        var method = new Argument<string>("METHOD") { Description = "GET, POST, PUT or DELETE (any case)." };
        method.CompletionSources.Add(RawApiRequest.Methods.ToArray());
        var path = new Argument<string>("PATH") { Description = "The endpoint's path under the API URL, e.g. /requests/PR-0042-0000-0001-001 or '/requests?status=pending' (what follows '?' is sent as written)." };
        var body = new Option<string?>("--body") { Description = "The JSON body: the JSON itself, '-' to read it from stdin, or @FILE.", HelpName = "JSON|-|@FILE" };
        var paginate = new Option<bool>("--paginate") { Description = "GET a collection page after page (limit/offset; --query limit=N sets the page size, 1-1000, default 100) and print every element as one JSON line." };
        var query = new Option<string[]>("--query") { Description = "A query term: KEY=VALUE (both percent-encoded) or a raw RQL term such as eq(status,pending) (sent as written). Repeatable.", HelpName = "KEY=VALUE|RQL" };
        var records = new RecordOutputOptions();
        var command = new Command(
            "api",
            "Send an authenticated request to any Connect endpoint (for what the descriptor does not cover yet) and print the JSON answer: in a pipe an array one element per line, "
            + "an object as one line; indented on a terminal. Errors, exit codes, retries, limits, --dry-run and -vv are those of the other commands; the key is never printed.")
        {
            method, path, body, paginate, query,
        };
        records.AddTo(command);
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var verb = Method(result.GetValue(method)!);
            var given = result.GetValue(path)!;
            var bodyText = result.GetValue(body);
            if (bodyText is not null && verb == "GET")
            {
                throw new UsageException("--body: a GET carries no body (give the query with --query or in the PATH)");
            }

            var request = new RawApiRequest(verb, given, result.GetValue(query) ?? [], result.GetValue(paginate));
            var trackingId = verb + " " + given;
            await using var document = await BodyDocumentAsync(trackingId, bodyText, console, ct).ConfigureAwait(false);
            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            var connector = session.Connector as IRawApiConnector
                ?? throw new UsageException($"the connector '{session.Descriptor.Id}' sends no raw requests: 'api' needs a connector whose API is HTTP (the Connect connector)");
            await session.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            Core.Operations.IOperation operation;
            try
            {
                operation = connector.CreateRawApiOperation(new PropertyValues(session.ConnectionProperties, session.Descriptor.FindConnectionField, "connection"), request);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message.Split(" (Parameter", 2)[0]);
            }

            var (format, fields) = records.Read(result);
            var runner = new OperationRunner(session, console, settings, new OutputOptions(false, null, format ?? Output.OutputFormat.Json, fields, IndentOnTerminal: format is null));
            return await runner.RunRecordsAsync(operation, "api " + trackingId, document, ct).ConfigureAwait(false);
        }, ct));
        return command;
    }

    /// <summary>The method in upper case; an unknown one is a usage error with "did you mean".</summary>
    private static string Method(string given)
    {
        var upper = given.Trim().ToUpperInvariant();
        return RawApiRequest.Methods.Contains(upper, StringComparer.Ordinal)
            ? upper
            : throw new UsageException(Help.NameSuggestions.Unknown("method", given, [.. RawApiRequest.Methods]));
    }

    /// <summary>The request body as the operation's one document: empty, the JSON given, stdin (-) or a file (@FILE), bounded in size.</summary>
    private static async Task<TrackedDocument> BodyDocumentAsync(string trackingId, string? body, HostConsole console, CancellationToken cancellationToken)
    {
        switch (body)
        {
            case null:
                return TrackedDocument.Empty(trackingId);
            case "-":
                return TrackedDocument.FromText(trackingId, await ReadBoundedAsync(console.In, "stdin", cancellationToken).ConfigureAwait(false));
            case ['@', .. var file]:
                if (!File.Exists(file))
                {
                    throw new UsageException($"--body @{file}: no such file");
                }

                try
                {
                    using var reader = new StreamReader(file, Encoding.UTF8);
                    return TrackedDocument.FromText(trackingId, await ReadBoundedAsync(reader, file, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"--body @{file} cannot be read: {ex.Message}");
                }

            default:
                return TrackedDocument.FromText(trackingId, body);
        }
    }

    private static async Task<string> ReadBoundedAsync(TextReader reader, string source, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + read > MaxBodyChars)
            {
                throw new UsageException($"--body: {source} holds more than {MaxBodyChars / (1024 * 1024)} MB; a Connect request body is never that big");
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }
}
