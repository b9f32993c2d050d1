using System.Globalization;

namespace Connector.Host.Output;

/// <summary>A live progress line on stderr (records, documents, rate), redrawn at most twice a second.</summary>
internal sealed class ProgressLine(TextWriter error, TimeProvider time, RunSummary summary, bool enabled)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly long _started = time.GetTimestamp();
    private long _lastDrawn = time.GetTimestamp();
    private int _width;

    public void Tick()
    {
        if (!enabled || time.GetElapsedTime(_lastDrawn) < Interval)
        {
            return;
        }

        _lastDrawn = time.GetTimestamp();
        var seconds = Math.Max(time.GetElapsedTime(_started).TotalSeconds, 0.001);
        var done = summary.Records > 0 ? summary.Records : summary.Finished;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{summary.Records} records, {summary.Finished} documents done, {done / seconds:0} per second");
        _width = Math.Max(_width, line.Length);
        error.Write("\r" + line.PadRight(_width));
        error.Flush();
    }

    public void Clear()
    {
        if (enabled && _width > 0)
        {
            error.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }
}
