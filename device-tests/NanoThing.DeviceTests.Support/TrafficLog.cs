using System.Collections;
using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>
    /// One ordered record of everything a test observes (MQTT traffic, listener events), as text lines, so that a
    /// test asserts the exact sequence. Also an <see cref="ILog"/> that keeps log lines apart (<see cref="LogLines"/>).
    /// </summary>
    public sealed class TrafficLog : ILog
    {
        private readonly ArrayList _lines = new ArrayList();
        private readonly ArrayList _logLines = new ArrayList();

        /// <summary>Appends an observation.</summary>
        public void Add(string line)
        {
            _lines.Add(line);
        }

        /// <summary>The observations so far, one per line; clears them.</summary>
        public string Take()
        {
            string all = Join(_lines);
            _lines.Clear();
            return all;
        }

        /// <summary>The log lines so far ("W: message"), one per line; clears them.</summary>
        public string TakeLog()
        {
            string all = Join(_logLines);
            _logLines.Clear();
            return all;
        }

        /// <summary>How many log lines are held.</summary>
        public int LogLines => _logLines.Count;

        /// <summary>The lowest level <see cref="IsEnabled"/> admits (Debug, the default: every line). Lines written below it are still kept, so a test sees a caller that did not ask.</summary>
        public LogLevel Minimum = LogLevel.Debug;

        /// <inheritdoc />
        public bool IsEnabled(LogLevel level)
        {
            return level >= Minimum;
        }

        /// <inheritdoc />
        public void Write(LogLevel level, string message)
        {
            string prefix = level == LogLevel.Debug ? "D: " : level == LogLevel.Info ? "I: " : level == LogLevel.Warning ? "W: " : "E: ";
            _logLines.Add(prefix + message);
        }

        /// <summary>Joins <paramref name="lines"/> with '\n' (the expected side of an assertion).</summary>
        public static string Lines(string[] lines)
        {
            string all = "";
            for (int i = 0; i < lines.Length; i++)
            {
                all = i == 0 ? lines[i] : all + "\n" + lines[i];
            }

            return all;
        }

        private static string Join(ArrayList lines)
        {
            string all = "";
            for (int i = 0; i < lines.Count; i++)
            {
                all = i == 0 ? (string)lines[i] : all + "\n" + (string)lines[i];
            }

            return all;
        }
    }
}
