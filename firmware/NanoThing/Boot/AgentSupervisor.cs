using System;
using System.Threading;
using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>
    /// Runs Core's agent on a thread of its own and watches it from the boot thread: an exception that escapes the
    /// agent (a bug; Core returns every expected failure as a value) is caught there and handed back, so the app
    /// can log it, record it and reboot (<see cref="DeviceRestart"/>). While the agent runs, the boot thread wakes
    /// every <see cref="DiagnosticsIntervalMilliseconds"/> to collect garbage and log the free managed memory
    /// (<see cref="DeviceDiagnostics"/>); otherwise it sleeps on an event: no polling loop.
    /// </summary>
    public sealed class AgentSupervisor
    {
        /// <summary>How often the free managed memory is collected and logged while the agent runs.</summary>
        public const int DiagnosticsIntervalMilliseconds = 60000;

        private readonly ILog _log;
        private readonly DeviceDiagnostics _diagnostics;
        private readonly AutoResetEvent _ended = new AutoResetEvent(false);
        private ThreadStart _agent;
        private Exception _failure;

        /// <summary>A supervisor that logs to <paramref name="log"/> and measures with <paramref name="diagnostics"/>.</summary>
        public AgentSupervisor(ILog log, DeviceDiagnostics diagnostics)
        {
            _log = log;
            _diagnostics = diagnostics;
        }

        /// <summary>
        /// Runs <paramref name="agent"/> on a new thread and blocks until it ends. Returns the exception that ended it,
        /// or null when it returned normally (which an agent that runs for the device's life never does).
        /// </summary>
        public Exception Run(ThreadStart agent)
        {
            _agent = agent;
            Thread thread = new Thread(RunAgent);
            thread.Start();
            while (!_ended.WaitOne(DiagnosticsIntervalMilliseconds, false))
            {
                _log.Write(LogLevel.Info, "free managed memory " + _diagnostics.CollectAndMeasureFreeMemory().ToString() + " bytes");
            }

            return _failure;
        }

        private void RunAgent()
        {
            try
            {
                _agent();
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
            finally
            {
                _ended.Set();
            }
        }
    }
}
