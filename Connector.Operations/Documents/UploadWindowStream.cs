namespace Connector.Operations.Documents;

/// <summary>
/// A read-only, seekable view of <c>length</c> bytes of another stream starting at <c>start</c>, which it never
/// disposes: what one attempt of an upload sends. It reports its length, so the request carries a Content-Length
/// instead of a chunked body, and it reads the underlying stream in place (no copy of the file).
/// </summary>
internal sealed class UploadWindowStream(Stream source, long start, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _position);
        if (wanted <= 0)
        {
            return 0;
        }

        source.Position = start + _position;
        var read = await source.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var wanted = (int)Math.Min(count, length - _position);
        if (wanted <= 0)
        {
            return 0;
        }

        source.Position = start + _position;
        var read = source.Read(buffer, offset, wanted);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        _position = target >= 0 ? Math.Min(target, length) : throw new IOException("an upload cannot be positioned before its first byte");
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
