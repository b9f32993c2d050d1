using System.Globalization;

namespace Connector.Sandbox.Data;

/// <summary>
/// Maps a record index to a Connect-style id and back: <c>{prefix}-{seed:D4}-{index/10000:D4}-{index%10000:D4}{suffix}</c>,
/// for example <c>PR-0042-0001-2345-001</c>. Supports up to 10^8 records per collection.
/// </summary>
internal sealed class IdCodec(string prefix, int seed, string suffix = "")
{
    private readonly string head = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Math.Abs(seed % 10000):D4}-");

    public string Prefix => prefix;

    public string Format(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{head}{index / 10000:D4}-{index % 10000:D4}{suffix}");

    public int? Parse(string? id)
    {
        if (id is null || id.Length != head.Length + 9 + suffix.Length
            || !id.StartsWith(head, StringComparison.Ordinal) || !id.EndsWith(suffix, StringComparison.Ordinal)
            || id[head.Length + 4] != '-')
        {
            return null;
        }

        var span = id.AsSpan(head.Length);
        if (!int.TryParse(span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            || !int.TryParse(span.Slice(5, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var low))
        {
            return null;
        }

        return (high * 10000) + low;
    }
}
