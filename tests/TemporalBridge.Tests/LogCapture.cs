using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace TemporalBridge.Tests;

/// <summary>A Serilog sink that keeps every event, rendered the way a console would show it plus all properties.</summary>
public sealed class LogCapture : ILogEventSink
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<LogEvent> events = new();
    private readonly SemaphoreSlim arrived = new(0);

    /// <summary>Everything logged, as text: messages, property values and exceptions.</summary>
    public string AllText => string.Join('\n', events.Select(Render));

    /// <summary>Every event so far, in the order they were logged.</summary>
    public IReadOnlyList<LogEvent> Events => [.. events];

    public void Emit(LogEvent logEvent)
    {
        events.Enqueue(logEvent);
        arrived.Release();
    }

    /// <summary>Waits (with a deadline, never a sleep) for the first event that matches.</summary>
    public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> match)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (events.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching log event within {Deadline}. Logged:\n{AllText}");
            }
        }
    }

    public static string Render(LogEvent logEvent) =>
        $"{logEvent.RenderMessage()} {string.Join(' ', logEvent.Properties.Select(p => $"{p.Key}={p.Value}"))} {logEvent.Exception}";
}
