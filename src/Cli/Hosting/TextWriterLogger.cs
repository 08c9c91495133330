using Microsoft.Extensions.Logging;

namespace Repro.Cli.Hosting;

/// <summary>A logger writing "level: category: message" lines to the error writer of <see cref="CliIo"/>.</summary>
public sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    readonly object _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    sealed class Logger(TextWriterLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var level = logLevel switch
            {
                LogLevel.Trace => "trace",
                LogLevel.Debug => "debug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                _ => "crit",
            };
            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            lock (owner._gate)
            {
                owner.Writer.WriteLine($"{level}: {shortCategory}: {formatter(state, exception)}");
                if (exception is not null) owner.Writer.WriteLine(exception);
                owner.Writer.Flush();
            }
        }
    }

    TextWriter Writer => writer;
}
