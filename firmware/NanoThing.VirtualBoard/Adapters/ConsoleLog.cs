using NanoThing.Core.Seams;

namespace NanoThing.VirtualBoard.Adapters;

/// <summary>Core's log lines on a text writer, prefixed with the time and the thing, filtered by level.</summary>
public sealed class ConsoleLog(TextWriter output, string thing, LogLevel minimum = LogLevel.Info) : ILog
{
    private readonly object _gate = new();

    /// <summary>Raised for every line written (tests and the demo watch the board through it).</summary>
    public event Action<LogLevel, string>? Written;

    /// <summary>True for the levels written, and for every level while someone watches <see cref="Written"/>.</summary>
    public bool IsEnabled(LogLevel level) => level >= minimum || Written != null;

    public void Write(LogLevel level, string message)
    {
        Written?.Invoke(level, message);
        if (level < minimum) return;
        lock (_gate)
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {thing} {Label(level)} {message}");
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Debug => "debug",
        LogLevel.Info => "info ",
        LogLevel.Warning => "warn ",
        _ => "error",
    };
}
