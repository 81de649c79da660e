using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>Keeps every log entry written through it, for tests that check what a store logs.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId EventId, string Message)> _entries = new();

    public IReadOnlyList<(EventId EventId, string Message)> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(_entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(EventId, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => entries.Enqueue((eventId, formatter(state, exception)));
    }
}
