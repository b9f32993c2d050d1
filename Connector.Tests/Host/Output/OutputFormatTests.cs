using Connector.Host;
using Connector.Sandbox;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host.Output;

/// <summary>--output table|csv|tsv|xlsx|json and --fields, read back and compared with the JSON records of the same query.</summary>
[TestFixture]
public sealed class OutputFormatTests : HostSandboxFixture
{
    protected override int RecordsPerType => 50;

    [Test]
    public async Task On_a_terminal_the_default_is_a_table_of_the_descriptors_key_columns_that_parses_back_to_the_records()
    {
        var json = await JsonRecordsAsync("query", "request", "--max", "5");
        var run = await HostRun.RunOnTerminalAsync(200, [.. Connection, "query", "request", "--max", "5"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var table = ParseTable(run.Stdout);
        Assert.That(table.Header, Is.EqualTo(new[] { "id", "type", "status", "asset.id", "asset.product.id", "created" }));
        Assert.That(table.Rows, Has.Count.EqualTo(5));
        for (var i = 0; i < 5; i++)
        {
            foreach (var (column, c) in table.Header.Select((h, c) => (h, c)))
            {
                Assert.That(table.Rows[i][c], Is.EqualTo((string?)json[i].SelectToken(column)), $"row {i} {column}");
            }
        }

        Assert.That(run.Stderr, Does.Match(@"(^|\n)5 records in \d"), "a terminal's summary needs no command name");
    }

    [Test]
    public async Task A_table_fits_the_terminal_width_cutting_long_cells()
    {
        var run = await HostRun.RunOnTerminalAsync(60, [.. Connection, "query", "case", "--max", "3", "--columns", "id,subject,description"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines.Select(l => l.TrimEnd('\r').Length), Has.All.LessThanOrEqualTo(60));
        Assert.That(run.Stdout, Does.Contain("…"));
        Assert.That(lines[1], Does.StartWith("CA-0042-0000-0000"));
    }

    [Test]
    public async Task In_a_pipe_the_default_stays_json_lines_and_the_summary_names_the_command()
    {
        var run = await HostRun.RunAsync([.. Connection, "query", "request", "--max", "2"]);

        Assert.That(run.StdoutLines.Select(JObject.Parse).ToList(), Has.Count.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("query request: 2 records in "));
    }

    [TestCase("csv", ',')]
    [TestCase("tsv", '\t')]
    public async Task Csv_and_tsv_have_a_header_and_one_row_per_record_that_parse_back(string format, char separator)
    {
        var json = await JsonRecordsAsync("query", "case", "--max", "4");
        var run = await HostRun.RunAsync([.. Connection, "query", "case", "--max", "4", "-o", format, "--fields", "id,subject,priority,product.id,issuer"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var rows = ParseDelimited(run.Stdout, separator);
        Assert.That(rows[0], Is.EqualTo(new[] { "id", "subject", "priority", "product.id", "issuer" }));
        Assert.That(rows, Has.Count.EqualTo(5));
        for (var i = 0; i < 4; i++)
        {
            Assert.That(rows[i + 1][0], Is.EqualTo((string?)json[i]["id"]));
            Assert.That(rows[i + 1][1], Is.EqualTo((string?)json[i]["subject"]));
            Assert.That(rows[i + 1][2], Is.EqualTo(((long)json[i]["priority"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(rows[i + 1][3], Is.EqualTo((string?)json[i].SelectToken("product.id")));
            Assert.That(JToken.DeepEquals(JToken.Parse(rows[i + 1][4]), json[i]["issuer"]), Is.True, "an object field is its JSON");
        }
    }

    [Test]
    public async Task Without_fields_csv_flattens_the_first_record_by_path()
    {
        var json = await JsonRecordsAsync("query", "case", "--max", "2");
        var run = await HostRun.RunAsync([.. Connection, "query", "case", "--max", "2", "-o", "csv"]);

        var rows = ParseDelimited(run.Stdout, ',');
        Assert.That(rows[0], Does.Contain("product.id").And.Contain("issuer.account.id").And.Contain("events.created.at"));
        var column = Array.IndexOf(rows[0], "issuer.account.id");
        Assert.That(rows[2][column], Is.EqualTo((string?)json[1].SelectToken("issuer.account.id")));
    }

    [Test]
    public async Task Xlsx_writes_a_workbook_with_a_header_row_and_one_row_per_record_flattened_by_path()
    {
        var json = await JsonRecordsAsync("query", "request", "--max", "3");
        var (run, bytes) = await HostRun.RunToBytesAsync([.. Connection, "query", "request", "--max", "3", "-o", "xlsx"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var sheet = ReadWorkbook(bytes);
        Assert.That(sheet[0], Does.Contain("id").And.Contain("asset.product.id").And.Contain("marketplace.name"));
        Assert.That(sheet, Has.Count.EqualTo(4));
        for (var i = 0; i < 3; i++)
        {
            foreach (var column in new[] { "id", "status", "asset.product.id", "marketplace.name" })
            {
                Assert.That(sheet[i + 1][Array.IndexOf(sheet[0], column)], Is.EqualTo((string?)json[i].SelectToken(column)), $"row {i} {column}");
            }
        }
    }

    [Test]
    public async Task Fields_choose_what_json_keeps_nesting_included()
    {
        var run = await HostRun.RunAsync([.. Connection, "query", "request", "--max", "2", "--fields", "id,asset.product.id"]);

        var records = run.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(records, Has.Count.EqualTo(2));
        Assert.That(records.Select(r => r.Properties().Select(p => p.Name)), Has.All.EqualTo(new[] { "id", "asset" }));
        Assert.That(records.Select(r => r.SelectToken("asset.product.id")), Has.All.Not.Null);
        Assert.That(records.Select(r => r.SelectToken("asset.id")), Has.All.Null);
    }

    [Test]
    public async Task A_count_on_a_terminal_shows_its_own_column()
    {
        var run = await HostRun.RunOnTerminalAsync(100, [.. Connection, "query", "request", "--count"]);

        var table = ParseTable(run.Stdout);
        Assert.That(table.Header, Is.EqualTo(new[] { "count" }));
        Assert.That(long.Parse(table.Rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    [Test]
    public async Task Xlsx_to_a_terminal_is_refused()
    {
        var run = await HostRun.RunOnTerminalAsync(100, [.. Connection, "query", "request", "-o", "xlsx"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("redirect stdout"));
    }

    private async Task<List<JObject>> JsonRecordsAsync(params string[] args)
    {
        var run = await HostRun.RunAsync([.. Connection, .. args]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var settings = new JsonSerializerSettings { DateParseHandling = DateParseHandling.None };
        return run.StdoutLines.Select(l => JsonConvert.DeserializeObject<JObject>(l, settings)!).ToList();
    }

    /// <summary>Splits a table by the columns' start offsets in its header row.</summary>
    private static (string[] Header, List<string[]> Rows) ParseTable(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var starts = new List<int>();
        for (var i = 0; i < lines[0].Length; i++)
        {
            if (lines[0][i] != ' ' && (i == 0 || lines[0][i - 1] == ' '))
            {
                starts.Add(i);
            }
        }

        string[] Cells(string line) => starts.Select((s, c) =>
        {
            var end = c + 1 < starts.Count ? Math.Min(starts[c + 1], line.Length) : line.Length;
            return s >= line.Length ? string.Empty : line[s..end].Trim();
        }).ToArray();

        return (Cells(lines[0]), lines.Skip(1).Select(Cells).ToList());
    }

    /// <summary>An RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes).</summary>
    private static List<string[]> ParseDelimited(string text, char separator)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        return rows;
    }

    private static List<string[]> ReadWorkbook(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty).ToArray())
            .ToList();
    }
}
