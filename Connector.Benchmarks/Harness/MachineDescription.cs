using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Connector.Benchmarks.Harness;

/// <summary>The machine a run measured: cores, memory, OS, .NET version, GC mode, and the load average when it started.</summary>
internal static class MachineDescription
{
    public static string Describe()
    {
        var memoryGb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ').Take(3) : ["n/a"];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {memoryGb:0.0} GB, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {string.Join(' ', load)}");
    }
}
