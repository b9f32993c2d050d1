using System.CommandLine;
using System.Globalization;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Listening;
using Connector.Core.Operations;
using Connector.Host.Composition;
using Connector.Host.Listening;
using Connector.Host.Querying;

namespace Connector.Host.Commands;

/// <summary>
/// <c>connector listen OBJECT</c>: prints each new or changed record as one JSON line, in change order, resuming from
/// a checkpoint file across restarts; <c>--once</c> drains what is pending and exits.
/// </summary>
internal static class ListenCommand
{
    public static Command Create(GlobalOptions global, HostConsole console)
    {
        var objectType = new Argument<string>("OBJECT") { Description = "The object type (request, tier_config_request, tier_account_request, case, usage_report)." };
        var filter = new Option<string[]>("--filter") { Description = "\"FIELD OP VALUE\", as for query; repeat to AND them.", HelpName = "\"FIELD OP VALUE\"" };
        var any = new Option<bool>("--any") { Description = "OR the --filter terms instead of AND-ing them." };
        var where = new Option<string?>("--where") { Description = "The whole filter tree as JSON, as for query.", HelpName = "JSON" };
        var state = new Option<string?>("--state") { Description = "Checkpoint file: resume after the last change it records; updated after each printed line.", HelpName = "FILE" };
        var since = new Option<string?>("--since") { Description = "Without a checkpoint, start at this time (ISO 8601, or 'now'); default: every matching record.", HelpName = "TIME" };
        var interval = new Option<double>("--interval") { Description = "Seconds between polls once nothing is pending (default 5).", HelpName = "S", DefaultValueFactory = _ => 5 };
        var once = new Option<bool>("--once") { Description = "Print what is pending, then exit (for cron)." };
        var pageSize = new Option<int?>("--page-size") { Description = "Records per request (1-1000).", HelpName = "N" };
        var webhook = new WebhookOptions();
        var command = new Command(
            "listen",
            "Print each new or changed record as one JSON line, in change order, until Ctrl+C (or, with --once, until nothing is pending). "
            + "With --state FILE a restart resumes after the last printed change; a crash between printing a line and saving the checkpoint prints that line again "
            + "(deduplicate by id and updated). With --webhook it receives Connect's webhook deliveries on 127.0.0.1 instead. "
            + "Examples: connector listen request --filter \"status eq pending\" --state req.state | connector exec request APPROVE --set template_id=TL-... ; "
            + "CONNECT_WEBHOOK_SECRET=... connector listen request --webhook --port 8080 --register https://hooks.example.com/connect --product PRD-...")
        {
            objectType, filter, any, where, state, since, interval, once, pageSize,
        };
        webhook.AddTo(command);
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            var queryFilter = QueryArguments.Build(session.Descriptor, result.GetValue(filter) ?? [], result.GetValue(any), result.GetValue(where), [], [], []);
            var operationProperties = new Dictionary<string, string?>();
            RunCommands.AddIfGiven(operationProperties, OperationFieldIds.PageSize, result.GetValue(pageSize)?.ToString(CultureInfo.InvariantCulture));
            var context = await ConnectAsync(session, settings, console, result.GetValue(objectType)!, operationProperties, ct).ConfigureAwait(false);
            var stateFile = result.GetValue(state) is { Length: > 0 } path ? new ListenCheckpointFile(path) : null;
            if (webhook.IsGiven(result))
            {
                if (stateFile is not null || result.GetValue(once) || result.GetValue(since) is not null || queryFilter.Expression is not null)
                {
                    throw new UsageException("--webhook receives what Connect sends: --state, --once, --since and filters apply to polling only");
                }

                return await RunAsync(session, console, context, new ListenRequest { Webhook = webhook.Read(result, console) }, null, ct).ConfigureAwait(false);
            }

            var request = new ListenRequest
            {
                Filter = queryFilter,
                Checkpoint = stateFile is null ? ListenCheckpoint.Start : await LoadAsync(stateFile, ct).ConfigureAwait(false),
                Since = ParseSince(result.GetValue(since), session.TimeProvider),
                DrainOnce = result.GetValue(once),
                PollInterval = Interval(result.GetValue(interval)),
            };
            return await RunAsync(session, console, context, request, stateFile, ct).ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static async Task<int> RunAsync(ConnectorSession session, HostConsole console, OperationContext context, ListenRequest request, ListenCheckpointFile? stateFile, CancellationToken cancellationToken)
    {
        var operation = ListenOperations.Create(session.Connector, context);
        var writer = new ListenLineWriter(console.Out, stateFile);
        var from = request.Webhook is not null ? "through webhooks" : request.Checkpoint.Cursor is { } cursor ? $"after {cursor}" : request.Since is { } since ? "from " + since.ToString("O", CultureInfo.InvariantCulture) : "from the beginning";
        await console.Error.WriteLineAsync($"listening to {context.ObjectTypeId} {from}{(request.DrainOnce ? " (once)" : string.Empty)}; Ctrl+C stops").ConfigureAwait(false);
        try
        {
            await operation.ListenAsync(request, writer, cancellationToken).ConfigureAwait(false);
        }
        catch (ListenFailedException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message} ({writer.Emitted} changes printed)").ConfigureAwait(false);
            return ExitCodes.DocumentErrors;
        }

        var saved = stateFile is null ? string.Empty : $"; checkpoint {(writer.LastCheckpoint?.Cursor ?? request.Checkpoint.Cursor)?.ToString() ?? "empty"} in {stateFile.FullPath}";
        await console.Error.WriteLineAsync($"{(cancellationToken.IsCancellationRequested ? "stopped" : "done")}: {writer.Emitted} change{(writer.Emitted == 1 ? string.Empty : "s")} printed{saved}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<OperationContext> ConnectAsync(
        ConnectorSession session,
        HostSettings settings,
        HostConsole console,
        string objectTypeId,
        IReadOnlyDictionary<string, string?> operationProperties,
        CancellationToken cancellationToken)
    {
        var type = OperationContext.ResolveObjectType(session.Descriptor, objectTypeId);
        if (type.FindOperation(OperationType.Listen) is null)
        {
            var listenable = session.Descriptor.ObjectTypes.Where(o => o.FindOperation(OperationType.Listen) is not null).Select(o => o.Id);
            throw new UsageException($"{type.Id} cannot be listened to; these can: {string.Join(", ", listenable)}");
        }

        await session.ConnectAsync(settings, console, cancellationToken).ConfigureAwait(false);
        await session.TestConnectionAsync(cancellationToken).ConfigureAwait(false);
        return OperationContext.Create(session.Descriptor, type.Id, "LISTEN", session.ConnectionProperties, operationProperties);
    }

    private static async Task<ListenCheckpoint> LoadAsync(ListenCheckpointFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await file.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException("--state: " + ex.Message);
        }
    }

    private static DateTimeOffset? ParseSince(string? text, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (string.Equals(text.Trim(), "now", StringComparison.OrdinalIgnoreCase))
        {
            return time.GetUtcNow();
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : throw new UsageException($"--since '{text}' is not an ISO 8601 time (e.g. 2024-05-01T00:00:00Z) or 'now'");
    }

    private static TimeSpan Interval(double seconds) =>
        seconds is > 0 and <= 86400 ? TimeSpan.FromSeconds(seconds) : throw new UsageException($"--interval {seconds.ToString(CultureInfo.InvariantCulture)}: give seconds between 0 and 86400");
}
