using System.CommandLine;
using System.Globalization;
using Connector.Core.Listening;

namespace Connector.Host.Listening;

/// <summary>
/// The webhook options of <c>listen</c>: --webhook, --port, the secret (CONNECT_WEBHOOK_SECRET, --secret-file, or
/// --secret, which other users can see in the process list), --register URL with --product, --queue.
/// The secret is never printed.
/// </summary>
internal sealed class WebhookOptions
{
    public const string SecretVariable = "CONNECT_WEBHOOK_SECRET";

    public Option<bool> Webhook { get; } = new("--webhook") { Description = "Receive Connect's webhook deliveries on 127.0.0.1 instead of polling." };

    public Option<int?> Port { get; } = new("--port") { Description = "The port to receive on (127.0.0.1 only); 0 picks a free one.", HelpName = "N" };

    public Option<string?> Secret { get; } = new("--secret") { Description = $"The webhook's jwt_secret (prefer {SecretVariable} or --secret-file: a command line is visible to other users).", HelpName = "SECRET" };

    public Option<string?> SecretFile { get; } = new("--secret-file") { Description = "A file whose first line is the webhook's jwt_secret.", HelpName = "FILE" };

    public Option<string?> Register { get; } = new("--register") { Description = "A public URL forwarding to this receiver: the webhook is created or re-activated there on start, deactivated on stop.", HelpName = "URL" };

    public Option<string?> Product { get; } = new("--product") { Description = "The product whose events the registered webhook receives (with --register).", HelpName = "ID" };

    public Option<int> Queue { get; } = new("--queue") { Description = "Deliveries kept while stdout is busy before new ones are answered 503 (default 64).", HelpName = "N", DefaultValueFactory = _ => 64 };

    public void AddTo(Command command)
    {
        command.Options.Add(Webhook);
        command.Options.Add(Port);
        command.Options.Add(Secret);
        command.Options.Add(SecretFile);
        command.Options.Add(Register);
        command.Options.Add(Product);
        command.Options.Add(Queue);
    }

    public bool IsGiven(ParseResult result)
    {
        var webhook = result.GetValue(Webhook);
        if (!webhook && (result.GetValue(Port) is not null || result.GetValue(Register) is not null))
        {
            throw new UsageException("--port and --register need --webhook");
        }

        return webhook;
    }

    public WebhookListenSettings Read(ParseResult result, HostConsole console)
    {
        var port = result.GetValue(Port) ?? throw new UsageException("--webhook needs --port N (0 picks a free port)");
        if (port is < 0 or > 65535)
        {
            throw new UsageException($"--port {port.ToString(CultureInfo.InvariantCulture)}: give 0-65535");
        }

        var queue = result.GetValue(Queue);
        if (queue is < 1 or > 100_000)
        {
            throw new UsageException($"--queue {queue.ToString(CultureInfo.InvariantCulture)}: give 1-100000");
        }

        var register = result.GetValue(Register);
        Uri? registerUrl = null;
        if (register is not null && (!Uri.TryCreate(register, UriKind.Absolute, out registerUrl) || (registerUrl.Scheme != Uri.UriSchemeHttps && registerUrl.Scheme != Uri.UriSchemeHttp)))
        {
            throw new UsageException($"--register '{register}' is not an absolute http(s) URL");
        }

        var product = result.GetValue(Product);
        if (registerUrl is not null && string.IsNullOrWhiteSpace(product))
        {
            throw new UsageException("--register needs --product ID (Connect webhooks belong to a product)");
        }

        var secret = ReadSecret(result, console);
        if (System.Text.Encoding.UTF8.GetByteCount(secret) < 32)
        {
            throw new UsageException("the webhook secret is too short: HS256 needs at least 32 bytes (set the same jwt_secret on the webhook)");
        }

        return new WebhookListenSettings(port, secret)
        {
            QueueCapacity = queue,
            RegisterUrl = registerUrl,
            RegisterScope = product,
            OnListening = address => console.Error.WriteLine($"receiving webhooks on {address} (POST, token in the Authentication header)"),
            OnRegistered = id => console.Error.WriteLine($"registered webhook {id} for {registerUrl}; it is deactivated on stop"),
        };
    }

    private string ReadSecret(ParseResult result, HostConsole console)
    {
        if (result.GetValue(SecretFile) is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                throw new UsageException($"--secret-file {file}: no such file");
            }

            return File.ReadLines(file).FirstOrDefault()?.Trim() is { Length: > 0 } fromFile
                ? fromFile
                : throw new UsageException($"--secret-file {file}: the first line is empty");
        }

        return result.GetValue(Secret) is { Length: > 0 } given ? given
            : console.Environment(SecretVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim()
            : throw new UsageException($"--webhook needs the webhook's secret: {SecretVariable}, --secret-file FILE or --secret SECRET");
    }
}
