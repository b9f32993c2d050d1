namespace Connector.OpenApiDerivation;

/// <summary>Counts describing one derivation, for the command's summary line.</summary>
/// <param name="Endpoints">Endpoints written (one per distinct descriptor method and path).</param>
/// <param name="Definitions">Definitions written (<c>request.X</c> and <c>response.X</c> counted separately).</param>
/// <param name="Filters">Filters written over all list endpoints.</param>
/// <param name="Relaxations">Relaxation rules recorded.</param>
/// <param name="UnresolvedReferences">Document references that did not resolve and were replaced.</param>
/// <param name="SelectOnlyParameters">Query parameters skipped because their lookups line was empty.</param>
/// <param name="UnusedRequirements">
/// Endpoints of the known request requirements table that the descriptor does not have (the table is out of date
/// when this is not empty for the Connect descriptor).
/// </param>
/// <param name="Sha256">Lower-case hex SHA-256 of the OpenAPI document bytes.</param>
public sealed record DerivationResult(
    int Endpoints,
    int Definitions,
    int Filters,
    int Relaxations,
    int UnresolvedReferences,
    int SelectOnlyParameters,
    IReadOnlyList<string> UnusedRequirements,
    string Sha256);
