using System.Globalization;

namespace Connector.Host.Output;

/// <summary>
/// A live progress line on stderr, redrawn at most twice a second: records and documents done and the rate; with a
/// known <see cref="Total"/> (the lines of --in FILE) also count/total, percent and the estimated time left.
/// </summary>
internal sealed class ProgressLine(TextWriter error, TimeProvider time, RunSummary summary, bool enabled)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly long _started = time.GetTimestamp();
    private long _lastDrawn = time.GetTimestamp();
    private int _width;

    /// <summary>How many documents the run will process, when known beforehand.</summary>
    public long? Total { get; set; }

    public void Tick()
    {
        if (!enabled || time.GetElapsedTime(_lastDrawn) < Interval)
        {
            return;
        }

        _lastDrawn = time.GetTimestamp();
        var line = Describe(time.GetElapsedTime(_started));
        _width = Math.Max(_width, line.Length);
        error.Write("\r" + line.PadRight(_width));
        error.Flush();
    }

    /// <summary>The text of the line after <paramref name="elapsed"/>.</summary>
    public string Describe(TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        if (Total is { } total and > 0 && summary.Records == 0)
        {
            var finished = summary.Finished;
            var rate = finished / seconds;
            var left = rate > 0 ? RunSummary.Elapsed(TimeSpan.FromSeconds((total - finished) / rate)) : "?";
            return string.Create(CultureInfo.InvariantCulture, $"{finished}/{total} documents ({100.0 * finished / total:0}%), {rate:0} per second, about {left} left");
        }

        var done = summary.Records > 0 ? summary.Records : summary.Finished;
        return string.Create(CultureInfo.InvariantCulture, $"{summary.Records} records, {summary.Finished} documents done, {done / seconds:0} per second");
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
