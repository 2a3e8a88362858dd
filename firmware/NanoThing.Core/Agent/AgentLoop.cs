using System.Threading;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// Runs a <see cref="ThingAgent"/>: calls <see cref="ThingAgent.Step"/>, then waits for the time it returned or
    /// until woken (a message, a lost connection, a button edge), and again, until <see cref="Stop"/>. The only place
    /// in Core that waits. Used by the ESP32 app (<see cref="Run"/> on its main thread) and the virtual board
    /// (<see cref="Start"/> on a thread of its own).
    /// </summary>
    public sealed class AgentLoop : IWakeSignal
    {
        private readonly ThingAgent _agent;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private Thread _thread;
        private int _stopping;

        /// <summary>A loop over <paramref name="agent"/>; becomes the agent's wake signal.</summary>
        public AgentLoop(ThingAgent agent)
        {
            _agent = agent;
            agent.SetWakeSignal(this);
        }

        /// <summary>Steps the agent on the calling thread until <see cref="Stop"/> (at least one step).</summary>
        public void Run()
        {
            do
            {
                int waitMs = _agent.Step();
                if (waitMs > 0 && !IsStopping)
                {
                    _wake.WaitOne(waitMs, false);
                }
            }
            while (!IsStopping);
        }

        private bool IsStopping
        {
            get { return Interlocked.CompareExchange(ref _stopping, 0, 0) != 0; }
        }

        /// <summary>Runs <see cref="Run"/> on a new thread.</summary>
        public void Start()
        {
            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Makes the next step happen now. Any thread; never blocks.</summary>
        public void Wake()
        {
            _wake.Set();
        }

        /// <summary>
        /// Ends the loop after the step in progress. With <see cref="Start"/>, waits up to <paramref name="timeoutMs"/>
        /// for its thread and returns whether it ended; true when the loop runs on a caller's thread.
        /// </summary>
        public bool Stop(int timeoutMs)
        {
            Interlocked.Exchange(ref _stopping, 1);
            _wake.Set();
            return _thread == null || _thread.Join(timeoutMs);
        }
    }
}
