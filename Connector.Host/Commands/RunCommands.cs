using System.CommandLine;
using System.Globalization;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Host.Composition;
using Connector.Host.Input;
using Connector.Host.Querying;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Commands;

/// <summary>The run-time commands: get, query, create, update, delete, exec.</summary>
internal static class RunCommands
{
    private const int MinimumChunk = 1000;

    public static Command Get(GlobalOptions global, HostConsole console)
    {
        var objectType = new Argument<string>("OBJECT") { Description = "The object type." };
        NameCompletions.ObjectTypes(objectType, global);
        var ids = new Argument<string[]>("ID") { Description = "Ids to read; without any, ids (or JSON documents with an id field) are read from stdin, one a line.", Arity = ArgumentArity.ZeroOrMore };
        var parent = ParentOption();
        var results = ResultsOption();
        var failMissing = new Option<bool>("--fail-missing") { Description = "An id that does not exist is an application error (exit 1), not an empty success." };
        var records = new RecordOutputOptions();
        var command = new Command("get", "Read objects by id.") { objectType, ids, parent, results, failMissing };
        records.AddTo(command);
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            if ((result.GetValue(ids) ?? []).Length == 0 && console.InputIsTerminal)
            {
                throw new UsageException("no ids: give them as arguments (get OBJECT ID...) or pipe them, one a line, on stdin");
            }

            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            var operationProperties = new Dictionary<string, string?>();
            AddIfGiven(operationProperties, OperationFieldIds.ParentId, result.GetValue(parent));
            var context = await ConnectAsync(session, settings, console, result.GetValue(objectType)!, "GET", OperationKind.Get, operationProperties, ct).ConfigureAwait(false);
            var given = result.GetValue(ids) ?? [];
            var lines = given.Length > 0 ? null : new BoundedLineReader(console.In, BoundedLineReader.DefaultMaxLineBytes);
            var documents = lines is null ? IdDocuments(given) : DocumentSource.ReadIdLinesAsync(lines, ct);
            var (format, fields) = records.Read(result);
            var runner = new OperationRunner(session, console, settings, new OutputOptions(result.GetValue(results), null, format, fields, result.GetValue(failMissing)));
            return await runner.RunDocumentsAsync(context, DocumentSource.ChunkAsync(documents, MinimumChunk, ct, session.TimeProvider), ct, lines).ConfigureAwait(false);
        }, ct));
        return command;
    }

    public static Command Query(GlobalOptions global, HostConsole console)
    {
        var objectType = new Argument<string>("OBJECT") { Description = "The object type." };
        NameCompletions.ObjectTypes(objectType, global);
        var filter = new Option<string[]>("--filter") { Description = "\"FIELD OP VALUE\"; OP: eq ne gt ge lt le like ilike in out (comma-separated values) null notnull (no value). Repeat to AND them. like/ilike (ilike ignores case): * matches any text, e.g. \"subject ilike *printer*\" (% is not a wildcard).", HelpName = "\"FIELD OP VALUE\"" };
        var any = new Option<bool>("--any") { Description = "OR the --filter terms instead of AND-ing them." };
        var sort = new Option<string[]>("--sort") { Description = "Sort by FIELD, or -FIELD for descending; repeatable.", HelpName = "[-]FIELD" };
        var select = new Option<string[]>("--select") { Description = "The fields Connect returns, comma-separated dotted paths; -field excludes one. Sent as RQL select() and applied to each record as it arrives (the same projection as --fields). What is printed defaults to the selected fields; --fields can narrow it to fields --select keeps.", HelpName = "F,..." };
        var max = FlagRange.MaxRecords.AppliedTo(new Option<long?>("--max") { Description = "Stop after N records (1 or more; without --max every record).", HelpName = "N" }, "omit --max for every record");
        var pageSize = FlagRange.PageSize.AppliedTo(new Option<int?>("--page-size") { Description = "Records per request (1-1000).", HelpName = "N" });
        var count = new Option<bool>("--count") { Description = "Print only {\"count\": N}." };
        var where = new Option<string?>("--where") { Description = "The whole filter tree as JSON: {\"and\":[{\"field\":\"status\",\"op\":\"eq\",\"value\":\"pending\"},...]} (or/not too).", HelpName = "JSON" };
        var rql = new Option<string[]>("--rql") { Description = "A raw RQL term added to the filter (experts).", HelpName = "RAW" };
        var parent = ParentOption();
        var results = ResultsOption();
        var records = new RecordOutputOptions();
        var command = new Command("query", "Search an object type; prints one record per line (a table on a terminal).") { objectType, filter, any, sort, select, max, pageSize, count, where, rql, parent, results };
        records.AddTo(command);
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            var queryFilter = QueryArguments.Build(
                session.Descriptor,
                result.GetValue(filter) ?? [],
                result.GetValue(any),
                result.GetValue(where),
                result.GetValue(rql) ?? [],
                result.GetValue(sort) ?? [],
                result.GetValue(select) ?? []);
            var operationProperties = new Dictionary<string, string?>();
            AddIfGiven(operationProperties, OperationFieldIds.ParentId, result.GetValue(parent));
            AddIfGiven(operationProperties, OperationFieldIds.MaxResults, result.GetValue(max)?.ToString(CultureInfo.InvariantCulture));
            AddIfGiven(operationProperties, OperationFieldIds.PageSize, result.GetValue(pageSize)?.ToString(CultureInfo.InvariantCulture));
            if (result.GetValue(count))
            {
                operationProperties[OperationFieldIds.CountOnly] = "true";
            }

            var context = await ConnectAsync(session, settings, console, result.GetValue(objectType)!, "QUERY", OperationKind.Query, operationProperties, ct).ConfigureAwait(false);
            var (format, fields) = records.Read(result);
            fields = QueryArguments.OutputFields(queryFilter.SelectedFields, fields, result.GetValue(results));
            var runner = new OperationRunner(session, console, settings, new OutputOptions(result.GetValue(results), null, format, fields));
            return await runner.RunQueryAsync(context, queryFilter, TrackedDocument.Empty("query"), ct).ConfigureAwait(false);
        }, ct));
        return command;
    }

    public static Command Write(GlobalOptions global, HostConsole console, OperationKind kind)
    {
        var name = kind.ToString().ToLowerInvariant();
        var objectType = new Argument<string>("OBJECT") { Description = "The object type." };
        var action = new Argument<string>("ACTION") { Description = "The action (APPROVE, REJECT, ...; see 'describe OBJECT')." };
        NameCompletions.ObjectTypes(objectType, global);
        NameCompletions.Actions(action, objectType, global);
        var options = new WriteOptions();
        var summary = kind switch
        {
            OperationKind.Create => "Create objects from NDJSON documents on stdin (or --in FILE, or --set).",
            OperationKind.Update => "Update objects from NDJSON documents on stdin; the id comes from each document's id field or --id.",
            OperationKind.Delete => "Delete objects; ids come from the documents' id field or --id.",
            _ => "Run an action on objects; documents on stdin (e.g. piped from 'query'), the id from each document's id field or --id.",
        };
        var command = new Command(kind == OperationKind.Execute ? "exec" : name, summary) { objectType };
        if (kind == OperationKind.Execute)
        {
            command.Arguments.Add(action);
        }

        options.AddTo(command);
        var records = new RecordOutputOptions();
        records.AddTo(command);
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var values = options.Read(result);
            var hasArgsDocument = values.ObjectId is not null || values.ParentId is not null || !values.Assignments.IsEmpty;
            if (values.FilePath is null && values.InPath is null && console.InputIsTerminal && !hasArgsDocument)
            {
                throw new UsageException("no input documents: pipe NDJSON on stdin, give --in FILE, or build one with --id/--set");
            }

            await using var upload = values.FilePath is null ? null : UploadFile.Open(values.FilePath);
            var inputFile = values.FilePath is null ? OpenInput(values.InPath, console) : null;
            using var ownedInput = values.InPath is { } inPath && inPath != "-" ? inputFile : null;
            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            var operation = kind == OperationKind.Execute ? result.GetValue(action)! : OperationType.FormatKind(kind);
            var context = await ConnectAsync(session, settings, console, result.GetValue(objectType)!, operation, kind, values.OperationProperties, ct, values.OutPath is not null).ConfigureAwait(false);
            values = values with { Assignments = await TypedByInputProfileAsync(session, context, values.Assignments, ct).ConfigureAwait(false) };
            var lines = inputFile is null ? null : new BoundedLineReader(inputFile, BoundedLineReader.DefaultMaxLineBytes);
            var documents = lines is null
                ? FileDocument(upload!, values.FilePath!, values.ObjectId)
                : WithFallback(DocumentSource.ReadLinesAsync(lines, values.Assignments, null, ct), hasArgsDocument ? () => ArgsDocument(values) : null);
            var chunk = Math.Max(MinimumChunk, values.BatchSize * values.Parallelism);
            var (format, fields) = records.Read(result);
            var runner = new OperationRunner(session, console, settings, new OutputOptions(values.Results, values.OutPath, format, fields))
            {
                KnownTotal = values.InPath is { } countedPath && countedPath != "-" && values.FilePath is null ? await CountDocumentsAsync(countedPath, ct).ConfigureAwait(false) : null,
            };
            return await runner.RunDocumentsAsync(context, DocumentSource.ChunkAsync(documents, chunk, ct, session.TimeProvider), ct, lines).ConfigureAwait(false);
        }, ct));
        return command;
    }

    internal static Option<string?> ParentOption() => new("--parent") { Description = "The parent object's id, for object types that live under another one.", HelpName = "ID" };

    internal static Option<bool> ResultsOption() => new("--results")
    {
        Description = "Print one line per result: {\"status\",\"code\",\"message\",\"trackingId\",\"payload\"} (a query: one per record, then its final line).",
    };

    internal static void AddIfGiven(Dictionary<string, string?> properties, string id, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            properties[id] = value;
        }
    }

    /// <summary>Resolves the object type and operation (exit 2 naming the valid ones) and connects.</summary>
    private static async Task<OperationContext> ConnectAsync(
        ConnectorSession session,
        HostSettings settings,
        HostConsole console,
        string objectTypeId,
        string operation,
        OperationKind kind,
        IReadOnlyDictionary<string, string?> operationProperties,
        CancellationToken cancellationToken,
        bool hasOut = false)
    {
        var type = Help.NameResolver.ObjectType(session.Descriptor, objectTypeId);
        var descriptor = Help.NameResolver.Operation(type, operation, actionsOnly: kind == OperationKind.Execute);
        if (descriptor.Type.Kind != kind)
        {
            var valid = type.Operations.Where(o => o.Type.Kind == kind).Select(o => o.Type.ToDisplayName()).ToList();
            throw new UsageException(kind == OperationKind.Execute
                ? $"'{operation}' is not an action of {type.Id}; its actions: {(valid.Count == 0 ? "none" : string.Join(", ", valid))}"
                : $"{type.Id} has no {OperationType.FormatKind(kind)} operation");
        }

        if (descriptor.Response.Body == ResponseBodyKind.Binary && !hasOut)
        {
            throw new UsageException($"{type.Id} {descriptor.Type.ToDisplayName()} answers a file: give --out PATH (a file, or a directory for several)");
        }

        if (kind == OperationKind.Query && descriptor.NeedsParent && !operationProperties.ContainsKey(OperationFieldIds.ParentId))
        {
            throw new UsageException($"{type.Id} lives under {type.Parent}: give --parent ID");
        }

        // No probe: a connection problem (unreachable, refused key, not a Connect API) is explained by the first request that meets it.
        await session.ConnectAsync(settings, console, cancellationToken).ConfigureAwait(false);
        return OperationContext.Create(session.Descriptor, type.Id, descriptor.Type.ToString(), session.ConnectionProperties, operationProperties);
    }

    /// <summary>The --set assignments typed by the operation's input profile: string fields keep the text, other fields read JSON.</summary>
    private static async Task<BodyAssignments> TypedByInputProfileAsync(ConnectorSession session, OperationContext context, BodyAssignments assignments, CancellationToken cancellationToken)
    {
        if (assignments.IsEmpty)
        {
            return assignments;
        }

        if (session.Connector is IInputProfileSource profiles)
        {
            // One profile, built alone: the whole browser's catalogue would take far longer.
            return assignments.TypedBy(await profiles.GetInputProfileAsync(context, cancellationToken).ConfigureAwait(false));
        }

        var browser = await session.CreateBrowserAsync(cancellationToken).ConfigureAwait(false);
        var input = browser.GetObjectDefinitions(context.ObjectTypeId, context.OperationType).FirstOrDefault(d => d.Role == ObjectDefinitionRole.Input);
        return assignments.TypedBy(input is { ContentType: DefinitionContentType.Json } ? input.Schema : null);
    }

    /// <summary>The lines of an --in file that are not blank (each one a document), for the progress line's total; read in bounded blocks.</summary>
    private static async Task<long?> CountDocumentsAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        long count = 0;
        var blank = true;
        var buffer = new byte[81920];
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, buffer.Length, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b == (byte)'\n')
                    {
                        count += blank ? 0 : 1;
                        blank = true;
                    }
                    else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                    {
                        blank = false;
                    }
                }
            }
        }

        return count + (blank ? 0 : 1);
    }

    /// <summary>The NDJSON input: stdin (when it is not a terminal, or with --in -) or the --in file; null for a terminal.</summary>
    private static TextReader? OpenInput(string? path, HostConsole console)
    {
        if (path is null)
        {
            return console.InputIsTerminal ? null : console.In;
        }

        if (path == "-")
        {
            return console.In;
        }

        if (Directory.Exists(path))
        {
            throw new UsageException($"--in {path} is a directory: give an NDJSON file");
        }

        try
        {
            return File.Exists(path)
                ? new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.Asynchronous | FileOptions.SequentialScan))
                : throw new UsageException($"--in {path}: no such file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--in {path} cannot be read: {ex.Message}");
        }
    }

    private static TrackedDocument ArgsDocument(WriteValues values)
    {
        var body = new JObject();
        values.Assignments.ApplyTo(body);
        return TrackedDocument.FromText(values.ObjectId ?? "args", body.ToString(Formatting.None));
    }

    private static async IAsyncEnumerable<TrackedDocument> FileDocument(FileStream upload, string path, string? objectId)
    {
        // The document owns the stream from here (the command's own disposal of it is then a no-op).
        yield return new TrackedDocument(objectId ?? Path.GetFileName(path), upload);
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<TrackedDocument> WithFallback(IAsyncEnumerable<TrackedDocument> source, Func<TrackedDocument>? fallback)
    {
        var any = false;
        await foreach (var document in source.ConfigureAwait(false))
        {
            any = true;
            yield return document;
        }

        if (!any && fallback is not null)
        {
            yield return fallback();
        }
    }

    private static async IAsyncEnumerable<TrackedDocument> IdDocuments(IReadOnlyList<string> ids)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var n = seen[id] = seen.GetValueOrDefault(id) + 1;
            var trackingId = n == 1 ? id : id + "#" + n.ToString(CultureInfo.InvariantCulture);
            yield return TrackedDocument.Empty(trackingId, new Dictionary<string, string?> { [OperationFieldIds.ObjectId] = id });
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
