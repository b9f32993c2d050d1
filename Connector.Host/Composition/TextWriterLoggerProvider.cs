using Microsoft.Extensions.Logging;

namespace Connector.Host.Composition;

/// <summary>
/// Writes log lines to the host's stderr, one a line as Microsoft.Extensions.Logging.Console's single-line simple
/// formatter writes them (<c>warn: Category[EventId] message</c>), without its start-up cost (options, configuration
/// binding, a queue thread); an exception adds its message, never its stack trace.
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class TextWriterLogger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{Level(logLevel)}: {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}";
            lock (writer)
            {
                writer.WriteLine(line);
            }
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
