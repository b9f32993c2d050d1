using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Connector.Operations.Usage;

/// <summary>
/// Writes usage files in the layout Connect's usage file template has (the file a usage report's UPLOAD action
/// sends): one sheet "records" with a header row, then one row per usage record. Rows are streamed into the
/// workbook, never held as a document tree.
/// </summary>
public static class UsageSpreadsheet
{
    /// <summary>The header of the "records" sheet, in Connect's column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "record_id", "record_note", "item_search_criteria", "item_search_value", "amount", "quantity",
        "start_time_utc", "end_time_utc", "asset_search_criteria", "asset_search_value", "item_name", "tier",
    ];

    /// <summary>Writes an .xlsx usage file with <paramref name="rows"/> to <paramref name="destination"/>.</summary>
    /// <param name="destination">Where the workbook goes; a stream that cannot seek gets it through a buffer.</param>
    /// <param name="rows">The usage records, in file order.</param>
    public static void Write(Stream destination, IEnumerable<UsageRow> rows)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        if (!destination.CanSeek)
        {
            using var buffer = new MemoryStream();
            Write(buffer, rows);
            buffer.Position = 0;
            buffer.CopyTo(destination);
            return;
        }

        using var document = SpreadsheetDocument.Create(destination, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(worksheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, Columns.Cast<object?>());
            uint index = 2;
            foreach (var row in rows)
            {
                WriteRow(writer, index++, Cells(row));
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "records" }));
        workbookPart.Workbook.Save();
    }

    private static IEnumerable<object?> Cells(UsageRow row) =>
    [
        row.RecordId,
        row.RecordNote ?? string.Empty,
        row.ItemSearchCriteria,
        row.ItemSearchValue,
        row.Amount,
        row.Quantity,
        Format(row.StartTimeUtc),
        Format(row.EndTimeUtc),
        row.AssetSearchCriteria,
        row.AssetSearchValue,
        row.ItemName ?? string.Empty,
        row.Tier,
    ];

    /// <summary>One row: numbers as numbers, text as inline strings, a missing value as an empty cell.</summary>
    private static void WriteRow(OpenXmlWriter writer, uint index, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        foreach (var value in values)
        {
            writer.WriteElement(value switch
            {
                null => new Cell(),
                int or decimal => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)) },
            });
        }

        writer.WriteEndElement();
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
