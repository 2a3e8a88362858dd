namespace NanoThing.Core.Seams
{
    /// <summary>
    /// A line sink. Device: Debug.WriteLine / serial. PC: the console. Never receives key material or
    /// credentials: Core logs names, codes and sizes, never secrets. Must not block for long or throw.
    /// Core asks <see cref="IsEnabled"/> before it builds a line, so a level that is off costs no allocation.
    /// </summary>
    public interface ILog
    {
        /// <summary>True when lines at <paramref name="level"/> are written (or watched); false lets the caller skip building them. Cheap, never throws.</summary>
        bool IsEnabled(LogLevel level);

        /// <summary>Writes one line at <paramref name="level"/>.</summary>
        void Write(LogLevel level, string message);
    }

    /// <summary>Severity of a log line.</summary>
    public enum LogLevel
    {
        /// <summary>Detail for diagnosing (each message, each decision).</summary>
        Debug = 0,
        /// <summary>Normal progress (connected, reported, applied).</summary>
        Info = 1,
        /// <summary>Something failed and will be retried or was dropped.</summary>
        Warning = 2,
        /// <summary>Something failed that needs the user (bad config, refused certificate).</summary>
        Error = 3,
    }
}
