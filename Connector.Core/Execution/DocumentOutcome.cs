using System.Globalization;
using Connector.Core.Results;

namespace Connector.Core.Execution;

/// <summary>
/// The final result one document will get, computed by a unit of work before it is reported: the
/// <see cref="OrderedDocumentRunner"/> reports outcomes in input order, whatever order the work finishes in.
/// </summary>
/// <param name="Status">The result status.</param>
/// <param name="Code">The status code (an HTTP status for API answers, or a connector code such as <c>MISSING_ID</c>).</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="Payloads">The output documents the result carries (the runner hands them to the response).</param>
public sealed record DocumentOutcome(OperationStatus Status, string Code, string Message, IReadOnlyList<Payload> Payloads)
{
    /// <summary>A SUCCESS with zero or one payload; the message says "OK" or "OK (no content)" unless given.</summary>
    /// <param name="statusCode">The numeric status code reported as the result's code (the HTTP status for API answers).</param>
    /// <param name="payload">The output document, or null for an empty success.</param>
    /// <param name="message">A message replacing the default one.</param>
    /// <returns>The outcome.</returns>
    public static DocumentOutcome Success(int statusCode, Payload? payload, string? message = null) => new(
        OperationStatus.Success,
        statusCode.ToString(CultureInfo.InvariantCulture),
        message ?? (payload is null ? "OK (no content)" : "OK"),
        payload is null ? [] : [payload]);

    /// <summary>An APPLICATION_ERROR without payload: the document was refused, the connector works.</summary>
    /// <param name="code">The status code.</param>
    /// <param name="message">Why it was refused.</param>
    /// <returns>The outcome.</returns>
    public static DocumentOutcome ApplicationError(string code, string message) => new(OperationStatus.ApplicationError, code, message, []);

    /// <summary>A FAILURE without payload: the document could not be processed (transport, server, connector fault).</summary>
    /// <param name="code">The status code.</param>
    /// <param name="message">What went wrong.</param>
    /// <returns>The outcome.</returns>
    public static DocumentOutcome Failure(string code, string message) => new(OperationStatus.Failure, code, message, []);

    /// <summary>The outcome with a note appended to its message ("; " between), e.g. the body fields that were not sent.</summary>
    /// <param name="note">The note; null leaves the outcome unchanged.</param>
    /// <returns>The outcome with the note, or this one.</returns>
    public DocumentOutcome WithNote(string? note) => note is null ? this : this with { Message = Message + "; " + note };

    /// <summary>
    /// The outcome of an exception no connector-specific mapping knows: a FAILURE with code <c>UNEXPECTED</c> and the
    /// exception's message (the default of <see cref="OrderedDocumentRunner"/>).
    /// </summary>
    /// <param name="exception">The exception a unit of work threw.</param>
    /// <returns>The outcome.</returns>
    public static DocumentOutcome FromUnexpected(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Failure("UNEXPECTED", exception.Message);
    }
}
