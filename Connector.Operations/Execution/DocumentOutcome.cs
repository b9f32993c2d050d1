using System.Globalization;
using Connector.Core.Results;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Execution;

/// <summary>The final result one document will get, computed before it is reported (results are reported in input order).</summary>
internal sealed record DocumentOutcome(OperationStatus Status, string Code, string Message, IReadOnlyList<Payload> Payloads)
{
    public static DocumentOutcome Success(int httpStatus, Payload? payload, string? message = null) => new(
        OperationStatus.Success,
        httpStatus.ToString(CultureInfo.InvariantCulture),
        message ?? (payload is null ? "OK (no content)" : "OK"),
        payload is null ? [] : [payload]);

    public static DocumentOutcome ApplicationError(string code, string message) => new(OperationStatus.ApplicationError, code, message, []);

    public static DocumentOutcome Failure(string code, string message) => new(OperationStatus.Failure, code, message, []);

    /// <summary>The outcome with a note added to its message (e.g. the body fields that were not sent); unchanged when the note is null.</summary>
    public DocumentOutcome WithNote(string? note) => note is null ? this : this with { Message = Message + "; " + note };

    /// <summary>
    /// Turns an exception met while processing a document into its result (4xx: APPLICATION_ERROR; the rest: FAILURE;
    /// a request a dry run did not send: SUCCESS <c>DRY_RUN</c> describing it).
    /// </summary>
    public static DocumentOutcome FromException(Exception exception) => exception switch
    {
        DocumentInputException input => ApplicationError(input.Code, input.Message),
        DryRunInterceptedException dryRun => new(OperationStatus.Success, DryRunInterceptedException.Code, dryRun.Message, [dryRun.ToPayload()]),
        _ => FromClassification(ConnectErrorClassification.Classify(exception)),
    };

    private static DocumentOutcome FromClassification(ConnectErrorClassification classification) =>
        classification.Severity == ErrorSeverity.Application
            ? ApplicationError(classification.Code, classification.Message)
            : Failure(classification.Code, classification.Message);
}
