namespace Connector.Host.Input;

/// <summary>
/// The data of an input line that was longer than the line limit and was skipped while it was read: it knows the
/// line's size (so the operation refuses the document as too large, naming it, like any oversized document) but holds
/// none of its bytes; reading it fails.
/// </summary>
internal sealed class SkippedLineStream(long lineNumber, long length) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new InvalidDataException($"line {lineNumber} ({length} bytes) is longer than the input line limit and was not kept");

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
