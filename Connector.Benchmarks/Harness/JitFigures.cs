using System.Runtime;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// How much JIT compilation the process did (<see cref="JitInfo"/>: every thread, tiered re-compilations included):
/// a reading now, or the difference of two readings.
/// </summary>
/// <param name="Methods">Methods compiled.</param>
/// <param name="Time">Time spent compiling them.</param>
internal readonly record struct JitFigures(long Methods, TimeSpan Time)
{
    /// <summary>The process's totals so far.</summary>
    public static JitFigures Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    /// <summary>What was compiled between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static JitFigures operator -(JitFigures after, JitFigures before) => new(after.Methods - before.Methods, after.Time - before.Time);
}
