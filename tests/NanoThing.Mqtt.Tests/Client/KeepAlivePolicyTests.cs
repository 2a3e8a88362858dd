using NanoThing.Mqtt.Connection;

namespace NanoThing.Mqtt.Tests.Client;

[TestClass]
public sealed class KeepAlivePolicyTests
{
    private const long K = 10_000;

    [TestMethod]
    //        now      lastSent lastReceived outstanding expected
    [DataRow(5_000L, 0L, 0L, false, "None")]
    [DataRow(10_000L, 0L, 9_000L, false, "SendPing")]   // we were silent for K
    [DataRow(10_000L, 9_000L, 0L, false, "SendPing")]   // the broker was silent for K
    [DataRow(10_000L, 0L, 0L, true, "None")]            // a ping is already out
    [DataRow(14_999L, 10_000L, 0L, true, "None")]
    [DataRow(15_000L, 10_000L, 0L, true, "Dead")]       // 1.5 K without anything from the broker
    [DataRow(15_000L, 15_000L, 0L, false, "Dead")]      // our own traffic does not keep the link alive
    [DataRow(20_000L, 19_000L, 19_500L, false, "None")]
    public void Decide(long now, long lastSent, long lastReceived, bool outstanding, string expected)
    {
        Assert.AreEqual(Enum.Parse<KeepAliveAction>(expected), KeepAlivePolicy.Decide(now, lastSent, lastReceived, outstanding, K));
    }

    [TestMethod]
    public void KeepAliveOff_NeverPingsNorDies()
    {
        Assert.AreEqual(KeepAliveAction.None, KeepAlivePolicy.Decide(1_000_000, 0, 0, false, 0));
    }

    [TestMethod]
    public void CheckInterval_IsATenthBetween50msAnd5s()
    {
        Assert.AreEqual(TimeSpan.FromMilliseconds(100), KeepAlivePolicy.CheckInterval(1_000));
        Assert.AreEqual(TimeSpan.FromMilliseconds(50), KeepAlivePolicy.CheckInterval(100));
        Assert.AreEqual(TimeSpan.FromSeconds(5), KeepAlivePolicy.CheckInterval(1_200_000));
    }
}
