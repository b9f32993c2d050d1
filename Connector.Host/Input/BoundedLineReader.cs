using System.Text;

namespace Connector.Host.Input;

/// <summary>
/// Reads lines from a text reader keeping at most <see cref="MaxLineBytes"/> UTF-8 bytes of any one line: a longer
/// line is skipped to its end, its bytes counted but never kept, so memory stays bounded whatever arrives (a 1 GB line
/// costs one buffer, not 1 GB). Each line is returned as soon as its newline has arrived, so a pipe is processed while
/// it is still being written. Line endings are \n or \r\n; a last line without one still counts.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxLineBytes)
{
    /// <summary>The documented limit of one input line (the operations refuse a bigger JSON document anyway).</summary>
    public const int DefaultMaxLineBytes = 4 * 1024 * 1024;

    private readonly char[] _buffer = new char[16 * 1024];
    private int _start;
    private int _end;
    private bool _ended;
    private Task<int>? _pending;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>How many lines were read so far (blank ones included): the number of the last line returned.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Reads the next line, or null at the end of the input.</summary>
    public async ValueTask<InputLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        StringBuilder? kept = null;
        long bytes = 0;
        var started = false;
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return started ? Finish(kept, bytes) : null;
            }

            started = true;
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf('\n');
            var part = newline < 0 ? available : available[..newline];
            bytes += Encoding.UTF8.GetByteCount(part);
            if (bytes <= MaxLineBytes)
            {
                (kept ??= new StringBuilder()).Append(part);
            }
            else
            {
                kept = null;
            }

            _start += newline < 0 ? available.Length : newline + 1;
            if (newline >= 0)
            {
                return Finish(kept, bytes);
            }
        }
    }

    /// <summary>
    /// Counts the lines left in the input without keeping them (for "N lines not read" after a cancellation); stops at
    /// the end of the input or when <paramref name="cancellationToken"/> fires, whichever comes first.
    /// </summary>
    public async Task<(long Lines, bool Complete)> CountRemainingLinesAsync(CancellationToken cancellationToken)
    {
        long lines = 0;
        var partial = false;
        try
        {
            while (_start < _end || await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                var available = _buffer.AsSpan(_start, _end - _start);
                var newlines = available.Count('\n');
                lines += newlines;
                partial = available[^1] != '\n';
                _start = _end;
            }
        }
        catch (OperationCanceledException)
        {
            return (lines, false);
        }

        return (lines + (partial ? 1 : 0), true);
    }

    private InputLine Finish(StringBuilder? kept, long bytes)
    {
        LinesRead++;
        if (kept is null && bytes > 0)
        {
            return new InputLine(LinesRead, null, bytes);
        }

        var text = kept?.ToString() ?? string.Empty;
        return new InputLine(LinesRead, text.EndsWith('\r') ? text[..^1] : text, bytes);
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

        // A cancelled wait leaves the read pending (a console stream cannot abandon it): the next fill takes its result.
        _pending ??= reader.ReadAsync(_buffer.AsMemory(), CancellationToken.None).AsTask();
        var read = await _pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        _pending = null;
        _start = 0;
        _end = read;
        _ended = read == 0;
        return read > 0;
    }
}
