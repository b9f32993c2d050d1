using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Output;

/// <summary>
/// An Excel workbook (one sheet, "records"): a header row of field paths (--fields, else the leaf paths of the first
/// record, nested fields flattened by path), then one row per record; numbers and booleans keep their type, the rest
/// is text. Rows stream into a temporary file through OpenXmlWriter (a package needs a seekable stream); the finished
/// workbook is copied to <paramref name="destination"/> (stdout) at the end and the temporary file deleted.
/// </summary>
internal sealed class WorkbookOutput(Stream destination, IReadOnlyList<string>? fields) : IRecordOutput, IAsyncDisposable
{
    private const string SheetName = "records";
    private readonly string _path = Path.Combine(Path.GetTempPath(), "connector-" + Guid.NewGuid().ToString("N") + ".xlsx");
    private IReadOnlyList<string>? _columns = fields;
    private SpreadsheetDocument? _document;
    private WorksheetPart? _sheet;
    private OpenXmlWriter? _writer;
    private uint _row;

    public ValueTask WriteAsync(string json, CancellationToken cancellationToken)
    {
        var record = RecordFields.Parse(json);
        _columns ??= RecordFields.LeafPaths(record);
        Start();
        WriteRow(_columns.Select(c => RecordFields.Column(record, c)).ToList());
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        Start();
        _writer!.WriteEndElement();
        _writer.WriteEndElement();
        _writer.Dispose();
        _writer = null;
        var workbook = _document!.WorkbookPart!;
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(_sheet!), SheetId = 1, Name = SheetName }));
        workbook.Workbook.Save();
        _document.Dispose();
        _document = null;
        var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await file.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _writer?.Dispose();
        _document?.Dispose();
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }

    private void Start()
    {
        if (_document is not null)
        {
            return;
        }

        _document = SpreadsheetDocument.Create(_path, SpreadsheetDocumentType.Workbook);
        var workbook = _document.AddWorkbookPart();
        _sheet = workbook.AddNewPart<WorksheetPart>();
        _writer = OpenXmlWriter.Create(_sheet);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
        WriteRow((_columns ?? []).Select(c => (JToken?)new JValue(c)).ToList());
    }

    private void WriteRow(IReadOnlyList<JToken?> values)
    {
        _row++;
        _writer!.WriteStartElement(new Row { RowIndex = _row });
        for (var c = 0; c < values.Count; c++)
        {
            var reference = ColumnName(c) + _row.ToString(CultureInfo.InvariantCulture);
            _writer.WriteElement(Cell(reference, values[c]));
        }

        _writer.WriteEndElement();
    }

    private static Cell Cell(string reference, JToken? value) => value?.Type switch
    {
        null or JTokenType.Null or JTokenType.Undefined => new Cell { CellReference = reference },
        JTokenType.Integer or JTokenType.Float => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(RecordFields.Text(value)) },
        JTokenType.Boolean => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue((bool)value! ? "1" : "0") },
        _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(RecordFields.Text(value)) { Space = SpaceProcessingModeValues.Preserve }) },
    };

    /// <summary>The spreadsheet column letters of a 0-based index (A, B, ..., Z, AA, ...).</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
