namespace Connector.Host.Input;

/// <summary>One input line as <see cref="BoundedLineReader"/> read it.</summary>
/// <param name="Number">The 1-based line number.</param>
/// <param name="Text">The line without its line ending, or null when it was longer than the limit and was skipped.</param>
/// <param name="Bytes">The line's size in UTF-8 bytes (counted even when it was skipped).</param>
internal sealed record InputLine(long Number, string? Text, long Bytes)
{
    public bool IsOversized => Text is null;
}
