namespace Connector.Operations.Http.Errors;

/// <summary>
/// An answer body stopped arriving (no bytes within the idle timeout) or took longer than the body timeout. An
/// <see cref="IOException"/>: like a broken connection, an idempotent call is sent again.
/// </summary>
internal sealed class AnswerBodyTimeoutException(string message) : IOException(message);
