using NanoThing.App.Tests.Support;
using NanoThing.Boot;
using NanoThing.Core.Seams;

namespace NanoThing.App.Tests;

/// <summary>
/// The boot's wait for the network (issue 11, fact 9: no Wi-Fi used to mean a reboot every 90-150 s, writing flash
/// each time): attempts repeat with growing, capped, jittered delays on a manual clock until one succeeds; nothing
/// reboots and nothing is written.
/// </summary>
[TestClass]
public sealed class NetworkWaitTests
{
    private const int AttemptMilliseconds = 60000;

    [TestMethod]
    public void AWifiAwayForANight_IsWaitedOut_WithBackoffUpToTheCap()
    {
        var clock = new ManualClock();
        var attempt = new ScriptedAttempt(clock, failures: 100);
        var delay = new ClockDelay(clock);
        var log = new RecordingLog();

        int attempts = new NetworkWait(attempt, new MaximumRandom(), clock, delay, log).UntilConnected();

        Assert.AreEqual(101, attempts);
        Assert.AreEqual(101, attempt.Calls);
        // full jitter drawn at its maximum: the windows double from the base and stay at the cap
        int[] expected = [10000, 20000, 40000, 80000, 160000, 300000, 300000];
        CollectionAssert.AreEqual(expected, delay.Waits.Take(expected.Length).ToArray());
        Assert.IsTrue(delay.Waits.All(wait => wait > 0 && wait <= NetworkWait.MaximumDelayMilliseconds));
        // a night: 100 failed attempts of 60 s each with at most 5 minutes between them
        Assert.IsTrue(clock.Now >= 100L * AttemptMilliseconds + 95L * NetworkWait.MaximumDelayMilliseconds, clock.Now.ToString());
        Assert.AreEqual(100, log.Lines.Count(line => line.StartsWith("W network: attempt ", StringComparison.Ordinal)));
        StringAssert.Contains(log.Lines[^1], "attempt 100 failed; next in 300 s (retrying without a reboot");
    }

    [TestMethod]
    public void NetworkUpAtOnce_OneAttemptNoWait()
    {
        var clock = new ManualClock();
        var delay = new ClockDelay(clock);
        var log = new RecordingLog();

        Assert.AreEqual(1, new NetworkWait(new ScriptedAttempt(clock, failures: 0), new MaximumRandom(), clock, delay, log).UntilConnected());

        Assert.AreEqual(0, delay.Waits.Count);
        Assert.AreEqual(0, log.Lines.Count);
    }

    [TestMethod]
    public void JitterDrawnAtZero_StillSpacesAttemptsBySecond()
    {
        var clock = new ManualClock();
        var attempt = new ScriptedAttempt(clock, failures: 3, attemptMilliseconds: 0);
        var delay = new ClockDelay(clock);

        new NetworkWait(attempt, new ZeroRandom(), clock, delay, new RecordingLog()).UntilConnected();

        CollectionAssert.AreEqual(new[] { 0L, 1000L, 2000L, 3000L }, attempt.StartedAt.ToArray());
    }

    private sealed class ManualClock : IClock
    {
        public long Now;

        public long MonotonicMilliseconds() => Now;

        public DateTime UtcNow() => DateTime.UnixEpoch.AddMilliseconds(Now);
    }

    private sealed class ClockDelay(ManualClock clock) : IDelay
    {
        public List<int> Waits { get; } = [];

        public void Wait(int milliseconds)
        {
            Waits.Add(milliseconds);
            clock.Now += milliseconds;
        }
    }

    private sealed class ScriptedAttempt(ManualClock clock, int failures, int attemptMilliseconds = AttemptMilliseconds) : INetworkAttempt
    {
        public int Calls { get; private set; }
        public List<long> StartedAt { get; } = [];

        public bool TryConnect()
        {
            StartedAt.Add(clock.Now);
            Calls++;
            clock.Now += attemptMilliseconds;
            return Calls > failures;
        }
    }

    private sealed class MaximumRandom : IRandom
    {
        public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : maxExclusive - 1;
    }

    private sealed class ZeroRandom : IRandom
    {
        public int Next(int maxExclusive) => 0;
    }
}
