using System.CommandLine;
using System.Globalization;
using Connector.Core.Descriptors;
using Connector.Host.Input;

namespace Connector.Host.Commands;

/// <summary>The options of create, update, delete and exec.</summary>
internal sealed class WriteOptions
{
    private readonly Option<string?> _in = new("--in") { Description = "Read NDJSON documents from FILE instead of stdin.", HelpName = "FILE" };
    private readonly Option<string?> _id = new("--id") { Description = "The object id (overrides the documents' id field).", HelpName = "ID" };
    private readonly Option<string?> _parent = RunCommands.ParentOption();
    private readonly Option<string[]> _set = new("--set") { Description = "Set a body field: key=value (dotted keys nest). Typed by the input profile ('connector schema OBJECT OPERATION --role input'): a string field keeps the text (true, 42 stay strings); a number, boolean, object or array field reads it as JSON; a field the profile does not know takes JSON when it parses, else a string. Repeatable.", HelpName = "KEY=VALUE" };
    private readonly Option<string?> _file = new("--file") { Description = "Upload this file (it becomes the document).", HelpName = "PATH" };
    private readonly Option<string?> _fileName = new("--file-name") { Description = "The uploaded file's name (default: the --file's name).", HelpName = "NAME" };
    private readonly Option<string?> _out = new("--out") { Description = "Where downloads go: a file (PATH, PATH.1, ... for several) or an existing directory (one TRACKING-ID.EXT each).", HelpName = "PATH" };
    private readonly Option<int?> _parallelism = FlagRange.Parallelism.AppliedTo(new Option<int?>("--parallelism") { Description = "Documents processed at the same time (1-64, default 4).", HelpName = "N" });
    private readonly Option<int?> _batchSize = FlagRange.BatchSize.AppliedTo(new Option<int?>("--batch-size") { Description = "Documents per bulk call (1-1000, default 100).", HelpName = "N" });
    private readonly Option<bool> _noReturnResource = new("--no-return-resource") { Description = "Do not read an object again when the API answers 204." };
    private readonly Option<bool> _strict = new("--strict")
    {
        Description = "Refuse (APPLICATION_ERROR, nothing sent) a document with body fields the action does not take; without it they are left out, named in a warning and in the result's message.",
    };
    private readonly Option<bool> _results = RunCommands.ResultsOption();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _in, _id, _parent, _set, _file, _fileName, _out, _parallelism, _batchSize, _noReturnResource, _strict, _results })
        {
            command.Options.Add(option);
        }
    }

    public WriteValues Read(ParseResult result)
    {
        var properties = new Dictionary<string, string?>();
        var id = result.GetValue(_id);
        var parent = result.GetValue(_parent);
        var file = result.GetValue(_file);
        RunCommands.AddIfGiven(properties, OperationFieldIds.ObjectId, id);
        RunCommands.AddIfGiven(properties, OperationFieldIds.ParentId, parent);
        RunCommands.AddIfGiven(properties, OperationFieldIds.FileName, result.GetValue(_fileName) ?? (file is null ? null : Path.GetFileName(file)));
        var parallelism = result.GetValue(_parallelism);
        var batchSize = result.GetValue(_batchSize);
        RunCommands.AddIfGiven(properties, OperationFieldIds.Parallelism, parallelism?.ToString(CultureInfo.InvariantCulture));
        RunCommands.AddIfGiven(properties, OperationFieldIds.BatchSize, batchSize?.ToString(CultureInfo.InvariantCulture));
        if (result.GetValue(_noReturnResource))
        {
            properties[OperationFieldIds.ReturnResource] = "false";
        }

        if (result.GetValue(_strict))
        {
            properties[OperationFieldIds.Strict] = "true";
        }

        if (file is not null && result.GetValue(_in) is not null)
        {
            throw new UsageException("--file and --in exclude each other: --file uploads one file, --in reads NDJSON documents");
        }

        if (result.GetValue(_out) is { } outPath)
        {
            OutPath.Check(outPath);
        }

        return new WriteValues(
            properties,
            BodyAssignments.Parse(result.GetValue(_set) ?? []),
            id,
            parent,
            file,
            result.GetValue(_in),
            result.GetValue(_out),
            parallelism ?? 4,
            batchSize ?? 100,
            result.GetValue(_results));
    }
}
