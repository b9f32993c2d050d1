using Connector.Core.Execution;
using Connector.Core.Results;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Execution;

/// <summary>How the Connect connector turns an exception met while processing a document into that document's outcome.</summary>
internal static class ConnectOutcomes
{
    /// <summary>
    /// Bad input is an APPLICATION_ERROR with its own code; Connect's 4xx answers are APPLICATION_ERRORs; a request a
    /// dry run did not send is a SUCCESS <c>DRY_RUN</c> describing it; the rest are FAILUREs.
    /// </summary>
    public static DocumentOutcome FromException(Exception exception) => exception switch
    {
        DocumentInputException input => DocumentOutcome.ApplicationError(input.Code, input.Message),
        DryRunInterceptedException dryRun => new(OperationStatus.Success, DryRunInterceptedException.Code, dryRun.Message, [dryRun.ToPayload()]),
        _ => FromClassification(ConnectErrorClassification.Classify(exception)),
    };

    private static DocumentOutcome FromClassification(ConnectErrorClassification classification) =>
        classification.Severity == ErrorSeverity.Application
            ? DocumentOutcome.ApplicationError(classification.Code, classification.Message)
            : DocumentOutcome.Failure(classification.Code, classification.Message);
}
