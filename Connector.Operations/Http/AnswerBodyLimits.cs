namespace Connector.Operations.Http;

/// <summary>What reading one answer body may cost: bytes (as received and decoded), decompression ratio and time.</summary>
/// <param name="MaxBytes">The most bytes, counted as received and again after decompression.</param>
/// <param name="MaxDecompressionRatio">How many times its received bytes a compressed body may grow while decoded.</param>
/// <param name="IdleTimeout">The longest wait for the next bytes.</param>
/// <param name="TotalTimeout">The longest time the whole body may take to read.</param>
/// <param name="MaxBytesSetting">The connection field that sets <paramref name="MaxBytes"/>, for messages.</param>
internal sealed record AnswerBodyLimits(long MaxBytes, int MaxDecompressionRatio, TimeSpan IdleTimeout, TimeSpan TotalTimeout, string MaxBytesSetting)
{
    /// <summary>Decoded bytes below this size are never refused for their ratio (tiny compressed bodies grow a lot).</summary>
    public const long RatioFloorBytes = 1024 * 1024;

    /// <summary>The limits of a JSON answer and of a file download under <paramref name="settings"/>.</summary>
    public static (AnswerBodyLimits Json, AnswerBodyLimits Download) From(ConnectionSettings settings) =>
    (
        new(settings.MaxResponseBytes, settings.MaxDecompressionRatio, settings.BodyIdleTimeout, settings.BodyTimeout, Connection.ConnectionFieldIds.MaxResponseMegabytes),
        new(settings.MaxDownloadBytes, settings.MaxDecompressionRatio, settings.BodyIdleTimeout, settings.BodyTimeout, Connection.ConnectionFieldIds.MaxDownloadMegabytes));
}
