using Connector.Host.Input;
using NUnit.Framework;

namespace Connector.Tests.Host.Input;

/// <summary>Input lines are capped while they are read: memory stays bounded whatever arrives, and the rest is read on.</summary>
[TestFixture]
public sealed class BoundedLineReaderTests
{
    private const int Limit = BoundedLineReader.DefaultMaxLineBytes;

    [Test]
    public async Task A_1_GB_line_is_skipped_with_its_size_counted_and_the_next_line_is_read_allocating_under_32_MB()
    {
        const long gigabyte = 1L << 30;
        var input = new GeneratedLines([(gigabyte, 'x'), (12, 'y')]);
        var reader = new BoundedLineReader(input, Limit);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var first = await reader.ReadLineAsync(CancellationToken.None);
        var second = await reader.ReadLineAsync(CancellationToken.None);
        var end = await reader.ReadLineAsync(CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(first, Is.Not.Null);
        Assert.That(first!.IsOversized, Is.True);
        Assert.That(first.Number, Is.EqualTo(1));
        Assert.That(first.Bytes, Is.EqualTo(gigabyte));
        Assert.That(second!.Text, Is.EqualTo(new string('y', 12)));
        Assert.That(second.Number, Is.EqualTo(2));
        Assert.That(end, Is.Null);
        Assert.That(allocated, Is.LessThan(32L * 1024 * 1024), "bytes allocated while reading a 1 GB line");
    }

    [Test]
    public async Task Three_hundred_lines_of_5_MB_are_all_skipped_allocating_under_32_MB_in_all()
    {
        var input = new GeneratedLines([.. Enumerable.Repeat((5L * 1024 * 1024, 'z'), 300), (3, 'k')]);
        var reader = new BoundedLineReader(input, Limit);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var lines = new List<InputLine>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add(line);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(lines, Has.Count.EqualTo(301));
        Assert.That(lines.Take(300).Select(l => l.IsOversized), Is.All.True);
        Assert.That(lines[^1].Text, Is.EqualTo("kkk"));
        Assert.That(allocated, Is.LessThan(32L * 1024 * 1024), "bytes allocated while reading 1.5 GB of oversized lines");
    }

    [Test]
    public async Task A_line_of_exactly_the_limit_is_kept_one_byte_more_is_not_and_multibyte_characters_count_as_bytes()
    {
        var reader = new BoundedLineReader(new StringReader("ab\r\nabc\n\u00e9\u00e9\nlast"), 4);

        var lines = new List<InputLine>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add(line);
        }

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "ab", "abc", "\u00e9\u00e9", "last" }));
        var tight = new BoundedLineReader(new StringReader("abcde\n\u00e9\u00e9\u00e9\nok\n"), 4);
        Assert.That((await tight.ReadLineAsync(CancellationToken.None))!.IsOversized, Is.True);
        var accented = (await tight.ReadLineAsync(CancellationToken.None))!;
        Assert.That(accented.IsOversized, Is.True, "three 2-byte characters are 6 bytes");
        Assert.That(accented.Bytes, Is.EqualTo(6));
        Assert.That((await tight.ReadLineAsync(CancellationToken.None))!.Text, Is.EqualTo("ok"));
    }

    [Test]
    public async Task The_lines_left_are_counted_after_a_stop()
    {
        var reader = new BoundedLineReader(new StringReader(string.Concat(Enumerable.Range(1, 10).Select(i => $"{{\"n\":{i}}}\n")) + "{\"n\":11}"), Limit);
        await reader.ReadLineAsync(CancellationToken.None);
        await reader.ReadLineAsync(CancellationToken.None);

        var (lines, complete) = await reader.CountRemainingLinesAsync(CancellationToken.None);

        Assert.That(reader.LinesRead, Is.EqualTo(2));
        Assert.That(lines, Is.EqualTo(9));
        Assert.That(complete, Is.True);
    }

    [Test]
    public async Task A_line_is_returned_as_soon_as_its_newline_arrives_without_waiting_for_more_input()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        using var writer = new StreamWriter(pipe.Writer.AsStream()) { AutoFlush = true };
        var reader = new BoundedLineReader(new StreamReader(pipe.Reader.AsStream()), Limit);

        await writer.WriteAsync("{\"id\":\"PR-1\"}\n");
        var first = await reader.ReadLineAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(first!.Text, Is.EqualTo("{\"id\":\"PR-1\"}"), "the first line is delivered while the writer is still open");
    }

    /// <summary>A reader of generated lines (LENGTH copies of a character, then a newline) that allocates nothing and completes synchronously.</summary>
    private sealed class GeneratedLines(IReadOnlyList<(long Length, char Fill)> lines) : TextReader
    {
        private int _line;
        private long _left = lines.Count > 0 ? lines[0].Length : 0;

        public override int Read(Span<char> buffer)
        {
            if (_line >= lines.Count)
            {
                return 0;
            }

            if (_left == 0)
            {
                buffer[0] = '\n';
                _line++;
                _left = _line < lines.Count ? lines[_line].Length : 0;
                return 1;
            }

            var count = (int)Math.Min(buffer.Length, _left);
            buffer[..count].Fill(lines[_line].Fill);
            _left -= count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
