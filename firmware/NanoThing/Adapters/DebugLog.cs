using System;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// <see cref="ILog"/> on the device: one line per call on the debug output (Console.WriteLine over the wire protocol, which
    /// Release builds keep; Debug.WriteLine is compiled out of them). Lines below <see cref="MinimumLevel"/> are
    /// dropped. The line is written verbatim: callers (Core and this app) pass names, codes and sizes, never key
    /// material, passwords or certificate contents. Never throws; does not block beyond the write to the debug channel.
    /// </summary>
    public sealed class DebugLog : ILog
    {
        private readonly LogLevel _minimumLevel;

        /// <summary>Creates a log that writes lines at <paramref name="minimumLevel"/> and above.</summary>
        public DebugLog(LogLevel minimumLevel)
        {
            _minimumLevel = minimumLevel;
        }

        /// <summary>The lowest level written.</summary>
        public LogLevel MinimumLevel
        {
            get { return _minimumLevel; }
        }

        /// <inheritdoc />
        public bool IsEnabled(LogLevel level)
        {
            return level >= _minimumLevel;
        }

        /// <inheritdoc />
        public void Write(LogLevel level, string message)
        {
            if (level < _minimumLevel)
            {
                return;
            }

            try
            {
                Console.WriteLine(Prefix(level) + Environment.TickCount64.ToString() + " " + message);
            }
            catch (Exception)
            {
                // Logging must never take the device down; a failed write loses only this line.
            }
        }

        private static string Prefix(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug:
                    return "D ";
                case LogLevel.Info:
                    return "I ";
                case LogLevel.Warning:
                    return "W ";
                default:
                    return "E ";
            }
        }
    }
}
