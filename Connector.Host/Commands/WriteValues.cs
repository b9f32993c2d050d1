using Connector.Host.Input;

namespace Connector.Host.Commands;

/// <summary>The parsed options of a write command.</summary>
internal sealed record WriteValues(
    IReadOnlyDictionary<string, string?> OperationProperties,
    BodyAssignments Assignments,
    string? ObjectId,
    string? ParentId,
    string? FilePath,
    string? InPath,
    string? OutPath,
    int Parallelism,
    int BatchSize,
    bool Results);
