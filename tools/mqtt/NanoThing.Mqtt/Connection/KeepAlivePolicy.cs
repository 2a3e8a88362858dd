namespace NanoThing.Mqtt.Connection;

/// <summary>What the keep-alive check decides at one instant.</summary>
internal enum KeepAliveAction
{
    /// <summary>Nothing to do.</summary>
    None,
    /// <summary>Send PINGREQ now.</summary>
    SendPing,
    /// <summary>Nothing arrived for 1.5 keep-alive intervals: the link is dead.</summary>
    Dead,
}

/// <summary>
/// Keep-alive rules (spec 3.1.2.10, AWS's 1.5x rule) as a pure function of monotonic milliseconds: ping when
/// we have sent nothing or heard nothing for one interval and no ping is outstanding; dead when nothing at all
/// arrived for 1.5 intervals.
/// </summary>
internal static class KeepAlivePolicy
{
    public static KeepAliveAction Decide(long nowMs, long lastSentMs, long lastReceivedMs, bool pingOutstanding, long keepAliveMs)
    {
        if (keepAliveMs <= 0) return KeepAliveAction.None;
        if (nowMs - lastReceivedMs >= keepAliveMs * 3 / 2) return KeepAliveAction.Dead;
        bool quiet = nowMs - lastSentMs >= keepAliveMs || nowMs - lastReceivedMs >= keepAliveMs;
        return quiet && !pingOutstanding ? KeepAliveAction.SendPing : KeepAliveAction.None;
    }

    /// <summary>How often to evaluate <see cref="Decide"/>: a tenth of the interval, between 50 ms and 5 s.</summary>
    public static TimeSpan CheckInterval(long keepAliveMs) => TimeSpan.FromMilliseconds(Math.Clamp(keepAliveMs / 10, 50, 5000));
}
