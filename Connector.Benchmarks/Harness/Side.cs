namespace Connector.Benchmarks.Harness;

/// <summary>Which client does the work in a timed run.</summary>
internal enum Side
{
    Connector,
    Baseline,
}
