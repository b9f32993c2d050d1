using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Connector.Sandbox.Usage;

/// <summary>Reads one sheet of an .xlsx workbook as rows of text (shared, inline and numeric cells).</summary>
internal static class XlsxReader
{
    /// <summary>The rows of <paramref name="sheetName"/> (the first sheet when absent), with empty text for missing cells.</summary>
    /// <exception cref="InvalidDataException">The content is not a readable workbook.</exception>
    public static List<List<string>> Read(byte[] content, string sheetName)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
            var sheets = workbookPart.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, sheetName, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException($"The workbook has no sheet named '{sheetName}'.");
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
            var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<List<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var values = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? values.Count;
                    while (values.Count < column)
                    {
                        values.Add(string.Empty);
                    }

                    values.Add(Text(cell, shared));
                }

                rows.Add(values);
            }

            return rows;
        }
        catch (Exception ex) when (ex is not InvalidDataException and (DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException or FormatException or InvalidOperationException or ArgumentException))
        {
            throw new InvalidDataException("The file is not a valid .xlsx workbook: " + ex.Message, ex);
        }
    }

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString
            && int.TryParse(cell.CellValue?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count)
        {
            return shared[index];
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        return cell.CellValue?.Text ?? string.Empty;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
