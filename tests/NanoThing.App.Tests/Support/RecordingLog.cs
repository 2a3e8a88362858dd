using NanoThing.Core.Seams;

namespace NanoThing.App.Tests.Support;

/// <summary>An <see cref="ILog"/> that keeps every line ("W message") for assertions.</summary>
public sealed class RecordingLog : ILog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => string.Join("\n", Lines);

    public bool IsEnabled(LogLevel level) => true;

    public void Write(LogLevel level, string message)
    {
        lock (_lines)
        {
            _lines.Add(level.ToString()[0] + " " + message);
        }
    }
}
