using Connector.Host;
using Connector.Host.Commands;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>The command line against hostile or mistaken input: flags, input lines, files, paths, descriptors, keys.</summary>
[TestFixture]
public sealed class HostHardeningTests
{
    private ConnectSandbox _sandbox = null!;
    private string _temp = null!;

    private string Url => _sandbox.BaseUrl.ToString();

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 50 });
        _temp = Directory.CreateTempSubdirectory("connector-hardening-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        await _sandbox.DisposeAsync();
        Directory.Delete(_temp, recursive: true);
    }

    [TestCase("exec", "--parallelism", "1000", "--parallelism must be 1 to 64, not 1000")]
    [TestCase("exec", "--parallelism", "0", "--parallelism must be 1 to 64, not 0")]
    [TestCase("exec", "--batch-size", "0", "--batch-size must be 1 to 1000, not 0")]
    [TestCase("query", "--max", "-1", "--max must be 1 or more, not -1")]
    [TestCase("query", "--max", "0", "--max must be 1 or more, not 0; omit --max for every record")]
    [TestCase("query", "--page-size", "0", "--page-size must be 1 to 1000, not 0")]
    [TestCase("query", "--page-size", "5000", "--page-size must be 1 to 1000, not 5000")]
    public async Task An_out_of_range_flag_is_a_usage_error_naming_the_range_before_any_input_is_read(string command, string flag, string value, string expected)
    {
        var stdin = new CountingReader(string.Concat(Enumerable.Range(1, 50).Select(i => $"{{\"id\":\"PR-{i}\"}}\n")));
        var args = command == "exec"
            ? new[] { "exec", "request", "APPROVE", flag, value }
            : ["query", "request", flag, value];

        var run = await RunAsync(stdin, inputIsTerminal: false, args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain(expected));
        Assert.That(run.Stderr, Does.Not.Contain("NO_RESULT"));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(stdin.CharactersRead, Is.Zero, "no input was read");
    }

    [Test]
    public async Task The_flag_ranges_are_the_descriptor_fields_ranges()
    {
        var descriptor = await Connector.Core.Descriptors.DescriptorLoader.LoadAsync(Connector.Operations.ConnectConnector.DefaultDescriptorPath, CancellationToken.None);
        var fields = descriptor.OperationFields.ToDictionary(f => f.Id);

        foreach (var (id, range) in new[] { ("parallelism", FlagRange.Parallelism), ("batchSize", FlagRange.BatchSize), ("pageSize", FlagRange.PageSize) })
        {
            Assert.That((fields[id].Minimum, fields[id].Maximum), Is.EqualTo(((long?)range.Minimum, (long?)range.Maximum)), id);
        }
    }

    [Test]
    public async Task Get_refuses_array_and_string_lines_like_exec_and_reads_the_other_ids()
    {
        var id = (string)JObject.Parse((await RunAsync("query", "product", "--max", "1")).StdoutLines.Single())["id"]!;

        var run = await RunAsync(new StringReader($"[\"{id}\"]\n\"{id}\"\n{id}\n"), inputIsTerminal: false, "get", "product", "--results");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), run.ToString);
        var results = run.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(results.Select(r => (string?)r["status"]), Is.EqualTo(new[] { "APPLICATION_ERROR", "APPLICATION_ERROR", "SUCCESS" }));
        Assert.That((string?)results[0]["message"], Does.Contain("line-1").And.Contain("must be a JSON object, not an array"));
        Assert.That((string?)results[1]["message"], Does.Contain("line-2").And.Contain("not a string"));
        Assert.That(_sandbox.RequestLog.Entries.Count(r => r.Path.Contains("[", StringComparison.Ordinal) || r.Path.Contains("%5B", StringComparison.OrdinalIgnoreCase)), Is.Zero);
    }

    [Test]
    public async Task An_oversized_line_is_an_application_error_naming_its_line_and_the_rest_of_the_batch_runs()
    {
        var ids = (await RunAsync("query", "product", "--max", "2")).StdoutLines.Select(l => (string)JObject.Parse(l)["id"]!).ToList();
        var huge = "{\"id\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";

        var run = await RunAsync(new StringReader($"{ids[0]}\n{huge}\n{ids[1]}\n"), inputIsTerminal: false, "get", "product", "--results");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), run.ToString);
        var results = run.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(results.Select(r => (string?)r["status"]), Is.EqualTo(new[] { "SUCCESS", "APPLICATION_ERROR", "SUCCESS" }));
        Assert.That((string?)results[1]["message"], Does.Contain("line-2").And.Contain("larger than 4 MB"));
        Assert.That(results[1].ToString(), Does.Not.Contain("xxxxxxxx"));
    }

    [Test]
    public async Task An_empty_pipe_is_zero_documents_and_exit_0_but_a_terminal_without_input_is_a_usage_error()
    {
        var pipe = await RunAsync(new StringReader(string.Empty), inputIsTerminal: false, "exec", "request", "APPROVE");
        var terminal = await RunAsync(TextReader.Null, inputIsTerminal: true, "exec", "request", "APPROVE");
        var getTerminal = await RunAsync(TextReader.Null, inputIsTerminal: true, "get", "product");

        Assert.That(pipe.ExitCode, Is.EqualTo(ExitCodes.Success), pipe.ToString);
        Assert.That(pipe.Stderr, Does.Contain("0 documents"));
        Assert.That(pipe.Stdout, Is.Empty);
        Assert.That(terminal.ExitCode, Is.EqualTo(ExitCodes.Usage), terminal.ToString);
        Assert.That(terminal.Stderr, Does.Contain("no input documents"));
        Assert.That(getTerminal.ExitCode, Is.EqualTo(ExitCodes.Usage), getTerminal.ToString);
    }

    [Test]
    public async Task File_that_cannot_be_an_upload_is_refused_with_exit_2_before_reading()
    {
        var sparse = Path.Combine(_temp, "sparse.xlsx");
        await using (var file = new FileStream(sparse, FileMode.Create))
        {
            file.SetLength(3L * 1024 * 1024 * 1024);
        }

        try
        {
            var zero = await RunAsync("exec", "usage_report", "UPLOAD", "--id", "UR-1", "--file", "/dev/zero");
            var directory = await RunAsync("exec", "usage_report", "UPLOAD", "--id", "UR-1", "--file", _temp);
            var big = await RunAsync("exec", "usage_report", "UPLOAD", "--id", "UR-1", "--file", sparse);

            Assert.That(zero.ExitCode, Is.EqualTo(ExitCodes.Usage), zero.ToString);
            Assert.That(zero.Stderr, Does.Contain("--file /dev/zero").And.Contain("not a regular file"));
            Assert.That(directory.ExitCode, Is.EqualTo(ExitCodes.Usage), directory.ToString);
            Assert.That(directory.Stderr, Does.Contain("is a directory"));
            Assert.That(big.ExitCode, Is.EqualTo(ExitCodes.Usage), big.ToString);
            Assert.That(big.Stderr, Does.Contain("is 3,072 MB; the largest upload is 512 MB"));
            Assert.That(_sandbox.RequestLog.Entries.Count(r => r.Path.Contains("UR-1", StringComparison.Ordinal)), Is.Zero);
        }
        finally
        {
            File.Delete(sparse);
        }
    }

    [Test]
    public async Task In_that_is_a_directory_or_missing_and_a_key_from_a_terminal_are_usage_errors()
    {
        var directory = await RunAsync("exec", "request", "APPROVE", "--in", _temp);
        var missing = await RunAsync("exec", "request", "APPROVE", "--in", Path.Combine(_temp, "nope.ndjson"));
        var keyFromTerminal = await RunAsync(TextReader.Null, inputIsTerminal: true, ["--url", Url, "--api-key", "-", "query", "product"]);

        Assert.That(directory.ExitCode, Is.EqualTo(ExitCodes.Usage), directory.ToString);
        Assert.That(directory.Stderr, Does.Contain("is a directory"));
        Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.Usage), missing.ToString);
        Assert.That(missing.Stderr, Does.Contain("no such file"));
        Assert.That(keyFromTerminal.ExitCode, Is.EqualTo(ExitCodes.Usage), keyFromTerminal.ToString);
        Assert.That(keyFromTerminal.Stderr, Does.Contain("--api-key -: stdin is a terminal"));
    }

    [Test]
    public async Task Out_under_an_existing_file_or_under_proc_is_a_clear_usage_error()
    {
        var file = Path.Combine(_temp, "report.xlsx");
        await File.WriteAllTextAsync(file, "x");

        var underFile = await RunAsync("exec", "usage_chunk", "DOWNLOAD", "--id", "UC-1", "--out", Path.Combine(file, "chunk.csv"));
        var underProc = await RunAsync("exec", "usage_chunk", "DOWNLOAD", "--id", "UC-1", "--out", "/proc/connector-test/chunk.csv");

        Assert.That(underFile.ExitCode, Is.EqualTo(ExitCodes.Usage), underFile.ToString);
        Assert.That(underFile.Stderr, Does.Contain(file + " is a file, not a directory"));
        Assert.That(underProc.ExitCode, Is.EqualTo(ExitCodes.Usage), underProc.ToString);
        Assert.That(underProc.Stderr, Does.Contain("--out /proc/connector-test/chunk.csv"));
        Assert.That(underFile.Stderr + underProc.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task A_descriptor_whose_openApi_file_is_not_openapi_data_is_a_descriptor_error_that_does_not_echo_the_file()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp, "bad-openapi")).FullName;
        var secretFile = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(secretFile, "root:TOPSECRETCONTENT:0:0\n");
        var descriptor = JObject.Parse(await File.ReadAllTextAsync(Connector.Operations.ConnectConnector.DefaultDescriptorPath));
        descriptor["openApi"] = "notes.txt";
        var path = Path.Combine(folder, "connect.descriptor.json");
        await File.WriteAllTextAsync(path, descriptor.ToString());

        foreach (var command in new[] { new[] { "types" }, ["schema", "request", "APPROVE"], ["query", "product", "--max", "1"] })
        {
            var run = await HostRun.RunAsync(["--descriptor", path, .. command]);

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
            Assert.That(run.Stderr, Does.Contain("'openApi' file").And.Contain("notes.txt"));
            Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("TOPSECRET").And.Not.Contain("   at "));
        }
    }

    [Test]
    public async Task An_unexpected_error_is_one_line_on_stderr_and_exit_1_with_the_stack_trace_only_with_vv()
    {
        var quiet = await RunWithBrokenStdoutAsync("query", "product", "--max", "3");
        var verbose = await RunWithBrokenStdoutAsync("-vv", "query", "product", "--max", "3");

        Assert.That(quiet.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), quiet.ToString);
        var errors = quiet.Stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), quiet.ToString);
        Assert.That(errors[0], Does.Contain("unexpected IOException: the reader went away").And.Contain("-vv"));
        Assert.That(quiet.Stderr, Does.Not.Contain("   at "));
        Assert.That(verbose.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), verbose.ToString);
        Assert.That(verbose.Stderr, Does.Contain("   at "));
    }

    [Test]
    public async Task The_key_comes_from_a_file_or_from_stdin_and_is_never_printed()
    {
        var keyFile = Path.Combine(_temp, "key");
        await File.WriteAllTextAsync(keyFile, SandboxOptions.DefaultApiKey + "\n");
        var id = (string)JObject.Parse((await RunAsync("query", "product", "--max", "1")).StdoutLines.Single())["id"]!;

        var fromFile = await HostRun.RunAsync("--url", Url, "--api-key-file", keyFile, "query", "product", "--max", "1");
        var fromStdin = await HostRun.RunWithInputAsync(SandboxOptions.DefaultApiKey + "\n" + id + "\n", "--url", Url, "--api-key", "-", "get", "product");
        var wrongFile = await HostRun.RunAsync("--url", Url, "--api-key-file", Path.Combine(_temp, "nope"), "query", "product");
        var both = await HostRun.RunAsync("--url", Url, "--api-key", "SU-1:x", "--api-key-file", keyFile, "query", "product");

        Assert.That(fromFile.ExitCode, Is.EqualTo(ExitCodes.Success), fromFile.ToString);
        Assert.That(fromFile.StdoutLines, Has.Count.EqualTo(1));
        Assert.That(fromStdin.ExitCode, Is.EqualTo(ExitCodes.Success), fromStdin.ToString);
        Assert.That((string?)JObject.Parse(fromStdin.StdoutLines.Single())["id"], Is.EqualTo(id), "the documents follow the key's line");
        Assert.That(wrongFile.ExitCode, Is.EqualTo(ExitCodes.Usage), wrongFile.ToString);
        Assert.That(both.ExitCode, Is.EqualTo(ExitCodes.Usage), both.ToString);
        foreach (var run in new[] { fromFile, fromStdin, wrongFile, both })
        {
            Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("sandbox-secret"));
        }
    }

    [TestCase("query", "product", "SU-123-456:stray-secret-1")]
    [TestCase("query", "product", "--bogus=SU-123-456:stray-secret-1")]
    [TestCase("query", "product", "ApiKey stray-secret-1")]
    [TestCase("--url", "SU-123-456:stray-secret-1", "query", "product")]
    public async Task An_argument_that_looks_like_a_connect_key_is_redacted_in_every_error(params string[] args)
    {
        var run = await HostRun.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("stray-secret-1"));
        Assert.That(run.Stderr, Does.Contain("***"));
    }

    [Test]
    public async Task Body_fields_the_action_does_not_take_are_named_once_on_stderr_and_in_each_result_and_strict_refuses_them()
    {
        var ids = (await RunAsync("query", "request", "--filter", "status eq pending", "--max", "3")).StdoutLines.Select(l => (string)JObject.Parse(l)["id"]!).ToList();
        var documents = string.Concat(ids.Take(2).Select(id => $"{{\"id\":\"{id}\",\"template_id\":\"TL-0042-0000-0000-01\",\"asset\":{{\"params\":[{{\"id\":\"p1\",\"value_error\":\"bad\"}}]}}}}\n"));
        var strictDocument = $"{{\"id\":\"{ids[2]}\",\"template_id\":\"TL-0042-0000-0000-01\",\"asset\":{{\"params\":[]}}}}\n";

        var lenient = await RunAsync(new StringReader(documents), inputIsTerminal: false, "exec", "request", "INQUIRE", "--results");
        var strict = await RunAsync(new StringReader(strictDocument), inputIsTerminal: false, "exec", "request", "INQUIRE", "--strict", "--results");

        Assert.That(lenient.ExitCode, Is.EqualTo(ExitCodes.Success), lenient.ToString);
        var results = lenient.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(results.Select(r => (string?)r["message"]), Has.All.Contain("not sent, the request INQUIRE input does not take them: asset"));
        Assert.That(lenient.Stderr.Split('\n').Count(l => l.Contains("does not take these fields", StringComparison.Ordinal)), Is.EqualTo(1), lenient.ToString);
        Assert.That(lenient.Stderr, Does.Contain("request INQUIRE does not take these fields, they are not sent").And.Contain(": asset"));
        Assert.That(strict.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), strict.ToString);
        var refused = JObject.Parse(strict.StdoutLines.Single());
        Assert.That((string?)refused["status"], Is.EqualTo("APPLICATION_ERROR"));
        Assert.That((string?)refused["message"], Does.Contain("line-1").And.Contain("nothing was sent (strict): asset"));
        Assert.That(_sandbox.RequestLog.Entries.Count(e => e.Method == "POST" && e.Path.Contains(ids[2], StringComparison.Ordinal)), Is.Zero);
    }

    [Test]
    public async Task Select_outputs_only_the_selected_fields_and_drops_the_excluded_ones()
    {
        var selected = await RunAsync("query", "request", "--select", "id,status", "--select", "asset.id", "--max", "3");
        var excluded = await RunAsync("query", "request", "--select", "-asset,-note", "--max", "3");

        Assert.That(selected.ExitCode, Is.EqualTo(ExitCodes.Success), selected.ToString);
        var records = selected.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(records, Has.Count.EqualTo(3));
        foreach (var record in records)
        {
            Assert.That(record.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "id", "status", "asset" }), record.ToString());
            Assert.That(((JObject)record["asset"]!).Properties().Select(p => p.Name), Is.EqualTo(new[] { "id" }));
        }

        Assert.That(excluded.ExitCode, Is.EqualTo(ExitCodes.Success), excluded.ToString);
        Assert.That(excluded.StdoutLines.Select(JObject.Parse).Select(r => r.ContainsKey("asset") || r.ContainsKey("note")), Is.All.False);
        Assert.That(excluded.StdoutLines.Select(JObject.Parse).Select(r => r.ContainsKey("id") && r.ContainsKey("status")), Is.All.True);
    }

    private static async Task<HostRun> RunAsync(TextReader stdin, bool inputIsTerminal, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new HostConsole(stdin, stdout, stderr, _ => null, InputIsTerminal: inputIsTerminal);
        var code = await HostProgram.RunAsync(args, console, CancellationToken.None);
        return new HostRun(code, stdout.ToString(), stderr.ToString());
    }

    private Task<HostRun> RunAsync(TextReader stdin, bool inputIsTerminal, string first, params string[] args) =>
        RunAsync(stdin, inputIsTerminal, ["--url", Url, "--api-key", SandboxOptions.DefaultApiKey, first, .. args]);

    private Task<HostRun> RunAsync(params string[] args) =>
        HostRun.RunAsync(["--url", Url, "--api-key", SandboxOptions.DefaultApiKey, .. args]);

    private async Task<HostRun> RunWithBrokenStdoutAsync(params string[] args)
    {
        var stderr = new StringWriter();
        var console = new HostConsole(TextReader.Null, new BrokenWriter(), stderr, _ => null);
        var code = await HostProgram.RunAsync(["--url", Url, "--api-key", SandboxOptions.DefaultApiKey, .. args], console, CancellationToken.None);
        return new HostRun(code, string.Empty, stderr.ToString());
    }

    /// <summary>stdout whose reader went away (a closed pipe, as in <c>connector query ... | head -1</c>).</summary>
    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("the reader went away");

        public override void Write(string? value) => throw new IOException("the reader went away");

        public override Task WriteAsync(string? value) => throw new IOException("the reader went away");

        public override Task WriteLineAsync(string? value) => throw new IOException("the reader went away");

        public override Task FlushAsync() => throw new IOException("the reader went away");

        public override Task FlushAsync(CancellationToken cancellationToken) => throw new IOException("the reader went away");
    }

    /// <summary>A reader that counts what was read from it.</summary>
    private sealed class CountingReader(string text) : StringReader(text)
    {
        public long CharactersRead { get; private set; }

        public override int Read(Span<char> buffer) => Counted(base.Read(buffer));

        public override int Read(char[] buffer, int index, int count) => Counted(base.Read(buffer, index, count));

        public override int Read() => Counted(base.Read() >= 0 ? 1 : 0);

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override string? ReadLine()
        {
            var line = base.ReadLine();
            CharactersRead += line?.Length ?? 0;
            return line;
        }

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => ValueTask.FromResult(ReadLine());

        private int Counted(int read)
        {
            CharactersRead += read;
            return read;
        }
    }
}
