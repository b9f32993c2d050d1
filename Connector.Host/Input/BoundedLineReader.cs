using System.Text;

namespace Connector.Host.Input;

/// <summary>
/// Reads lines from a text reader keeping at most <see cref="MaxLineBytes"/> UTF-8 bytes of any one line: a longer
/// line is skipped to its end, its bytes counted but never kept, so memory stays bounded whatever arrives (a 1 GB line
/// costs the reader's two reused buffers, not 1 GB; only lines within the limit become strings). Each line is returned as soon as its newline has arrived, so a pipe is processed while
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
    private char[] _line = new char[256];
    private int _lineLength;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>How many lines were read so far (blank ones included): the number of the last line returned.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Reads the next line, or null at the end of the input.</summary>
    public async ValueTask<InputLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _lineLength = 0;
        long bytes = 0;
        var started = false;
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return started ? Finish(bytes) : null;
            }

            started = true;
            var newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            var partEnd = newline < 0 ? _end : newline;
            var part = _buffer.AsSpan(_start, partEnd - _start);
            bytes += Encoding.UTF8.GetByteCount(part);
            if (bytes <= MaxLineBytes)
            {
                Keep(part);
            }

            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                return Finish(bytes);
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

    private InputLine Finish(long bytes)
    {
        LinesRead++;
        if (bytes > MaxLineBytes)
        {
            return new InputLine(LinesRead, null, bytes);
        }

        var length = _lineLength > 0 && _line[_lineLength - 1] == '\r' ? _lineLength - 1 : _lineLength;
        return new InputLine(LinesRead, new string(_line, 0, length), bytes);
    }

    /// <summary>Appends to the one line buffer the reader reuses (it grows to the longest kept line, at most the limit).</summary>
    private void Keep(ReadOnlySpan<char> part)
    {
        if (_lineLength + part.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_lineLength + part.Length, Math.Min(_line.Length * 2, MaxLineBytes)));
        }

        part.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += part.Length;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

        var read = 0;
        var ready = false;
        if (_pending is null)
        {
            var next = reader.ReadAsync(_buffer.AsMemory(), CancellationToken.None);
            ready = next.IsCompletedSuccessfully;
            if (ready)
            {
                read = next.Result;
            }
            else
            {
                _pending = next.AsTask();
            }
        }

        if (!ready)
        {
            // A cancelled wait leaves the read pending (a console stream cannot abandon it): the next fill takes its result.
            read = await _pending!.WaitAsync(cancellationToken).ConfigureAwait(false);
            _pending = null;
        }

        _start = 0;
        _end = read;
        _ended = read == 0;
        return read > 0;
    }
}
