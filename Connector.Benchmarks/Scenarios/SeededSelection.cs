using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// What <see cref="SeededRecords.FindAsync"/> found: sandbox options whose seed has enough records of
/// <paramref name="Collection"/> selected by <paramref name="Rql"/>, the ids a data-changing scenario acts on (the first
/// ones selected), how many the selection matched in all, and the size option that seeded them.
/// </summary>
internal sealed record SeededSelection(SandboxOptions Options, string Collection, string Rql, IReadOnlyList<string> Ids, int Matching, int Size);
