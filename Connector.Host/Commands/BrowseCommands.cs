using System.CommandLine;
using System.Globalization;
using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Operations;
using Connector.Host.Composition;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Commands;

/// <summary>
/// types, describe and schema: design-time browsing (no connection needed).
/// schema prints the JSON schema of an operation's input or output profile; when the profile is not JSON it prints
/// <c>{"contentType":"BINARY"}</c> or <c>{"contentType":"NONE"}</c> on stdout (with an explanation on stderr) and exits 0.
/// </summary>
internal static class BrowseCommands
{
    public static Command Types(GlobalOptions global, HostConsole console)
    {
        var operation = new Option<string?>("--operation") { Description = "Only object types offering this operation (GET, QUERY, CREATE, UPDATE, DELETE or an action such as APPROVE).", HelpName = "OP" };
        var json = new Option<bool>("--json") { Description = "One JSON object per line." };
        var command = new Command("types", "List the object types, their labels and operations.") { operation, json };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            OperationType? supporting = null;
            if (result.GetValue(operation) is { } op)
            {
                supporting = OperationType.TryParse(op, out var parsed) ? parsed : throw new UsageException($"--operation '{op}' is not an operation name");
            }

            var types = (await session.CreateBrowserAsync(ct).ConfigureAwait(false)).GetObjectTypes(supporting);
            foreach (var type in types)
            {
                var operations = type.Operations.Select(o => o.ToDisplayName()).ToList();
                if (result.GetValue(json))
                {
                    await console.Out.WriteLineAsync(new JObject
                    {
                        ["id"] = type.Id,
                        ["label"] = type.Label,
                        ["parent"] = type.Parent,
                        ["operations"] = new JArray(operations),
                    }.ToString(Formatting.None)).ConfigureAwait(false);
                }
                else
                {
                    var parent = type.Parent is null ? string.Empty : $" (under {type.Parent})";
                    await console.Out.WriteLineAsync($"{type.Id,-24} {type.Label + parent,-46} {string.Join(" ", operations)}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command Describe(GlobalOptions global, HostConsole console)
    {
        var objectType = new Argument<string>("OBJECT") { Description = "The object type (see 'types')." };
        var json = new Option<bool>("--json") { Description = "One JSON object." };
        var command = new Command("describe", "Show an object type's operations and actions, their fields, and its filterable and sortable fields.") { objectType, json };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            var type = Help.NameResolver.ObjectType(session.Descriptor, result.GetValue(objectType)!);
            var browser = (await session.CreateBrowserAsync(ct).ConfigureAwait(false));
            var info = browser.GetObjectTypes().FirstOrDefault(t => t.Id == type.Id);
            var filterable = browser.GetFilterableFields(type.Id);
            var description = new JObject
            {
                ["id"] = type.Id,
                ["label"] = info?.Label ?? type.Label,
                ["description"] = type.Description,
                ["parent"] = type.Parent,
                ["operations"] = new JArray(type.Operations.Select(o => new JObject
                {
                    ["name"] = o.Type.ToDisplayName(),
                    ["type"] = o.Type.ToString(),
                    ["label"] = o.Label,
                    ["endpoint"] = o.Endpoint,
                    ["fields"] = new JArray(browser.GetOperationFields(type.Id, o.Type).Select(FieldJson)),
                })),
                ["filterableFields"] = new JArray(filterable.Select(f => new JObject { ["name"] = f.Name, ["operators"] = new JArray(f.Operators), ["sortable"] = f.Sortable })),
                ["sortableFields"] = new JArray(filterable.Where(f => f.Sortable).Select(f => f.Name)),
            };
            if (result.GetValue(json))
            {
                await console.Out.WriteLineAsync(description.ToString(Formatting.None)).ConfigureAwait(false);
            }
            else
            {
                await WriteDescriptionAsync(console.Out, type, description, filterable).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command Schema(GlobalOptions global, HostConsole console)
    {
        var objectType = new Argument<string>("OBJECT") { Description = "The object type." };
        var operation = new Argument<string>("OPERATION") { Description = "GET, QUERY, CREATE, UPDATE, DELETE or an action (APPROVE...)." };
        var role = new Option<string>("--role") { Description = "input or output (default).", DefaultValueFactory = _ => "output" };
        role.AcceptOnlyFromAmong("input", "output");
        var learn = new Option<bool>("--learn") { Description = "Widen the schema with the fields and types of sample documents (NDJSON on stdin, or --from-query N); additions are marked \"x-observed\": true." };
        var fromQuery = new Option<long?>("--from-query") { Description = "With --learn: take the samples from the first N records of the object's query on the connection.", HelpName = "N" };
        var parent = RunCommands.ParentOption();
        var command = new Command("schema", "Print the JSON schema of an operation's input or output document.") { objectType, operation, role, learn, fromQuery, parent };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            var type = Help.NameResolver.ObjectType(session.Descriptor, result.GetValue(objectType)!);
            var op = Help.NameResolver.Operation(type, result.GetValue(operation)!);
            var wanted = string.Equals(result.GetValue(role), "input", StringComparison.OrdinalIgnoreCase) ? ObjectDefinitionRole.Input : ObjectDefinitionRole.Output;
            var definition = (await session.CreateBrowserAsync(ct).ConfigureAwait(false)).GetObjectDefinitions(type.Id, op.Type).FirstOrDefault(d => d.Role == wanted);
            var what = $"the {wanted.ToString().ToLowerInvariant()} of {type.Id} {op.Type.ToDisplayName()}";
            if (result.GetValue(fromQuery) is not null && !result.GetValue(learn))
            {
                throw new UsageException("--from-query takes samples for --learn: give --learn too");
            }

            if (result.GetValue(learn))
            {
                if (definition is not { ContentType: DefinitionContentType.Json, ProfileJson: not null })
                {
                    throw new UsageException($"{what} is not a JSON document ({definition?.ContentType.ToString().ToUpperInvariant() ?? "NONE"}): there is no profile to learn");
                }

                return await SchemaLearning.RunAsync(session, settings, console, type, definition, result.GetValue(fromQuery), result.GetValue(parent), ct).ConfigureAwait(false);
            }

            if (definition is { ContentType: DefinitionContentType.Json, ProfileJson: not null })
            {
                await console.Out.WriteLineAsync(definition.ToSchemaJson()).ConfigureAwait(false);
            }
            else if (definition?.ContentType == DefinitionContentType.Binary)
            {
                await console.Error.WriteLineAsync($"{what} is a file (binary), not JSON: there is no schema").ConfigureAwait(false);
                await console.Out.WriteLineAsync("{\"contentType\":\"BINARY\"}").ConfigureAwait(false);
            }
            else
            {
                await console.Error.WriteLineAsync($"{what} has no document").ConfigureAwait(false);
                await console.Out.WriteLineAsync("{\"contentType\":\"NONE\"}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static JObject FieldJson(OperationFieldDefinition field) => new()
    {
        ["id"] = field.Id,
        ["label"] = field.Label,
        ["type"] = field.Type.ToString().ToLowerInvariant(),
        ["default"] = field.DefaultValue is null ? null : JToken.FromObject(field.DefaultValue),
        ["overrideable"] = field.Overrideable,
        ["minimum"] = field.Minimum,
        ["maximum"] = field.Maximum,
        ["helpText"] = field.HelpText,
    };

    private static async Task WriteDescriptionAsync(TextWriter output, ObjectTypeDescriptor type, JObject description, IReadOnlyList<FilterableField> filterable)
    {
        await output.WriteLineAsync($"{type.Id}: {(string?)description["label"]}{(type.Parent is null ? string.Empty : $" (under {type.Parent}: give --parent ID)")}").ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(type.Description))
        {
            await output.WriteLineAsync("  " + type.Description).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("operations and actions:").ConfigureAwait(false);
        foreach (var operation in (JArray)description["operations"]!)
        {
            var fields = string.Join(", ", ((JArray)operation["fields"]!).Select(f => (string?)f["id"]));
            await output.WriteLineAsync($"  {(string?)operation["name"],-20} {(string?)operation["endpoint"],-55} {(fields.Length == 0 ? string.Empty : "fields: " + fields)}".TrimEnd()).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        if (filterable.Count == 0)
        {
            await output.WriteLineAsync("filterable fields: none documented").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"filterable fields ({filterable.Count}; * = sortable):")).ConfigureAwait(false);
        foreach (var field in filterable)
        {
            await output.WriteLineAsync($"  {field.Name + (field.Sortable ? " *" : string.Empty),-36} {string.Join(" ", field.Operators)}").ConfigureAwait(false);
        }
    }
}
