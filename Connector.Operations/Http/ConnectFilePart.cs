namespace Connector.Operations.Http;

/// <summary>The file part of a multipart upload (e.g. <c>usage_file</c> of a usage file upload).</summary>
/// <param name="PartName">The form field name, e.g. <c>usage_file</c> or <c>recon_file</c>.</param>
/// <param name="FileName">The file name sent in Content-Disposition.</param>
/// <param name="OpenStream">Opens the file content; called once per attempt, the stream is disposed after it.</param>
/// <param name="ContentType">The part's media type, e.g. the xlsx type.</param>
internal sealed record ConnectFilePart(string PartName, string FileName, Func<Stream> OpenStream, string ContentType);
