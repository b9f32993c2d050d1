using Connector.Host.Composition;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace Connector.Tests.Host.Composition;

/// <summary>The host's log lines on stderr: the console logger's single-line format, an exception by its message only.</summary>
[TestFixture]
public sealed class TextWriterLoggerProviderTests
{
    [Test]
    public void A_log_line_reads_as_the_console_loggers_single_line_format()
    {
        var stderr = new StringWriter();
        using var provider = new TextWriterLoggerProvider(stderr);

        provider.CreateLogger("Connector.Operations.Requests.LeftOutFields").Log(LogLevel.Warning, new EventId(1418828456), "request APPROVE does not take these fields", null, (state, _) => state);

        Assert.That(stderr.ToString(), Is.EqualTo("warn: Connector.Operations.Requests.LeftOutFields[1418828456] request APPROVE does not take these fields" + Environment.NewLine));
    }

    [Test]
    public void An_exception_adds_its_message_and_never_its_stack_trace()
    {
        var stderr = new StringWriter();
        using var provider = new TextWriterLoggerProvider(stderr);
        Exception thrown;
        try
        {
            throw new IOException("connection reset");
        }
        catch (IOException ex)
        {
            thrown = ex;
        }

        provider.CreateLogger("Connector.Operations.Http.ConnectHttpClient").Log(LogLevel.Error, new EventId(3), "request failed", thrown, (state, _) => state);

        Assert.That(stderr.ToString(), Is.EqualTo("fail: Connector.Operations.Http.ConnectHttpClient[3] request failed connection reset" + Environment.NewLine));
    }
}
