using NanoThing.Core.Connection;
using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>One bounded attempt to bring the network up (on the board: <see cref="WifiConnection"/>).</summary>
    public interface INetworkAttempt
    {
        /// <summary>Blocks for at most the attempt's own bound. True once the network is up with a valid clock;
        /// false otherwise, having logged why. Never throws.</summary>
        bool TryConnect();
    }

    /// <summary>Blocks the calling thread (on the board: Thread.Sleep).</summary>
    public interface IDelay
    {
        /// <summary>Returns after <paramref name="milliseconds"/> (0 returns at once).</summary>
        void Wait(int milliseconds);
    }

    /// <summary>
    /// Waits at boot until the network is up, for as long as it takes: a Wi-Fi that is away (a router off for the night)
    /// is retried with exponential backoff and full jitter (Core's <see cref="ReconnectBackoff"/>, here from
    /// <see cref="BaseDelayMilliseconds"/> up to <see cref="MaximumDelayMilliseconds"/> between attempts), never by
    /// rebooting: a reboot would not bring the access point back, and each one wrote the reboot record to flash and
    /// reset the uptime. Each failure is logged with the attempt number and the time until the next one. Nothing is
    /// written to storage. Runs on the boot thread; not thread-safe.
    /// </summary>
    public sealed class NetworkWait
    {
        /// <summary>The first backoff window: up to 10 s between the first attempts.</summary>
        public const int BaseDelayMilliseconds = 10000;

        /// <summary>The largest backoff window: at most 5 minutes between two attempts (each attempt has its own bound on top).</summary>
        public const int MaximumDelayMilliseconds = 300000;

        private readonly INetworkAttempt _attempt;
        private readonly ReconnectBackoff _backoff;
        private readonly IClock _clock;
        private readonly IDelay _delay;
        private readonly ILog _log;

        /// <summary>A wait that tries <paramref name="attempt"/> with jitter from <paramref name="random"/>.</summary>
        public NetworkWait(INetworkAttempt attempt, IRandom random, IClock clock, IDelay delay, ILog log)
        {
            _attempt = attempt;
            _backoff = new ReconnectBackoff(random, BaseDelayMilliseconds, MaximumDelayMilliseconds, 0);
            _clock = clock;
            _delay = delay;
            _log = log;
        }

        /// <summary>Returns once an attempt succeeded; returns the number of attempts it took.</summary>
        public int UntilConnected()
        {
            int attempts = 0;
            while (true)
            {
                long now = _clock.MonotonicMilliseconds();
                long wait = _backoff.NextAttemptMs - now;
                if (wait > 0)
                {
                    _delay.Wait(wait > int.MaxValue ? int.MaxValue : (int)wait);
                    continue;
                }

                _backoff.OnConnecting(now);
                attempts++;
                if (_attempt.TryConnect())
                {
                    _backoff.OnConnected(_clock.MonotonicMilliseconds());
                    return attempts;
                }

                int delay = _backoff.OnDisconnected(_clock.MonotonicMilliseconds());
                _log.Write(LogLevel.Warning, "network: attempt " + attempts.ToString() + " failed; next in " + (delay / 1000).ToString() + " s (retrying without a reboot until the network is back)");
            }
        }
    }
}
