using System.Globalization;
using System.IO.Compression;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Http;

/// <summary>
/// An answer body as callers read it: decoded from its Content-Encoding (gzip, deflate, br) while streaming, with the
/// decoded bytes counted against the size limit and against the decompression ratio (decoded bytes over bytes
/// received, checked once past <see cref="AnswerBodyLimits.RatioFloorBytes"/>), so a decompression bomb stops early.
/// </summary>
internal sealed class DecodedAnswerStream : ForwardOnlyReadStream
{
    private readonly Stream _decoder;
    private readonly MeteredWireStream _wire;
    private readonly AnswerBodyLimits _limits;
    private long _decoded;

    private DecodedAnswerStream(Stream decoder, MeteredWireStream wire, AnswerBodyLimits limits)
    {
        _decoder = decoder;
        _wire = wire;
        _limits = limits;
    }

    /// <summary>Wraps a raw body: metered always, decoded when <paramref name="contentEncoding"/> names a compression.</summary>
    /// <exception cref="ConnectResponseFormatException">An encoding the connector cannot decode.</exception>
    public static Stream Open(Stream raw, IEnumerable<string> contentEncoding, long? declaredLength, AnswerBodyLimits limits, TimeProvider time)
    {
        var wire = new MeteredWireStream(raw, declaredLength, limits, time);
        if (contentEncoding is ICollection<string> { Count: 0 })
        {
            return wire;
        }

        var encodings = contentEncoding.Select(e => e.Trim().ToLowerInvariant()).Where(e => e is not ("" or "identity")).ToList();
        if (encodings.Count == 0)
        {
            return wire;
        }

        Stream? decoder = encodings.Count == 1
            ? encodings[0] switch
            {
                "gzip" or "x-gzip" => new GZipStream(wire, CompressionMode.Decompress),
                "deflate" => new ZLibStream(wire, CompressionMode.Decompress),
                "br" => new BrotliStream(wire, CompressionMode.Decompress),
                _ => null,
            }
            : null;
        if (decoder is null)
        {
            wire.Dispose();
            throw new ConnectResponseFormatException($"the answer uses the Content-Encoding '{string.Join(", ", encodings)}', which the connector cannot decode");
        }

        return new DecodedAnswerStream(decoder, wire, limits);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _decoder.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new ConnectResponseFormatException("the compressed answer body is corrupt: " + ex.Message, ex);
        }

        _decoded += read;
        if (_decoded > _limits.MaxBytes)
        {
            throw MeteredWireStream.TooLarge(_limits, "after decompression");
        }

        if (_decoded > AnswerBodyLimits.RatioFloorBytes && _decoded > _limits.MaxDecompressionRatio * Math.Max(1, _wire.BytesRead))
        {
            throw new ConnectResponseTooLargeException(string.Create(
                CultureInfo.InvariantCulture,
                $"the compressed answer body grew more than {_limits.MaxDecompressionRatio} times its size while decoded ({_wire.BytesRead} bytes became more than {_decoded}; connection property maxDecompressionRatio); it was not requested again"));
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decoder.Dispose();
        }

        base.Dispose(disposing);
    }
}
