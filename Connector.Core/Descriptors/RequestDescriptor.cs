namespace Connector.Core.Descriptors;

/// <summary>The request side of an operation's endpoint.</summary>
/// <param name="Body">What the body is.</param>
/// <param name="FilePart">For multipart bodies, the name of the file part.</param>
/// <param name="FormFields">For multipart bodies, form field name to the operation field id that supplies it.</param>
public sealed record RequestDescriptor(RequestBodyKind Body, string? FilePart, IReadOnlyDictionary<string, string> FormFields);
