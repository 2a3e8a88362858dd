namespace NanoThing.Core.Seams
{
    /// <summary>
    /// The one check Core makes before it builds a log line: there is a log (Core's owners may pass none) and it writes
    /// <c>level</c>. A line past a false check is never built, so a level that is off costs no allocation.
    /// </summary>
    public static class LogGate
    {
        /// <summary>True when <paramref name="log"/> is given and writes (or is watched at) <paramref name="level"/>.</summary>
        public static bool IsOn(ILog log, LogLevel level)
        {
            return log != null && log.IsEnabled(level);
        }
    }
}
