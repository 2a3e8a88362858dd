using NanoThing.Adapters;
using NanoThing.App.Tests.Support;

namespace NanoThing.App.Tests;

/// <summary>
/// How the MQTT adapter lets go of a client (issue 11, fact 7): an accepted client is never closed beside M2Mqtt's own
/// shutdown of it, unless that shutdown does not finish within the bound; an unaccepted one is closed directly.
/// </summary>
[TestClass]
public sealed class ClientReleaseTests
{
    private const int Bound = 10000;

    [TestMethod]
    public void AcceptedAndConnected_SendsDisconnectThenWaitsForItsOwnShutdown_AndDoesNotCloseBesideIt()
    {
        var client = new ScriptedClient { IsConnected = true, ClosesInTime = true };
        var log = new RecordingLog();

        ClientRelease.Run(client, accepted: true, Bound, log, "broker:8883");

        CollectionAssert.AreEqual(new[] { "Disconnect", "WaitClosed " + Bound }, client.Calls);
        Assert.AreEqual(0, log.Lines.Count, log.Text);
    }

    [TestMethod]
    public void AcceptedButAlreadyDropped_OnlyWaits()
    {
        var client = new ScriptedClient { IsConnected = false, ClosesInTime = true };

        ClientRelease.Run(client, accepted: true, Bound, new RecordingLog(), "broker:8883");

        CollectionAssert.AreEqual(new[] { "WaitClosed " + Bound }, client.Calls);
    }

    [TestMethod]
    public void AcceptedWhoseShutdownDoesNotFinish_IsClosedAfterTheBound_AndSaysSo()
    {
        var client = new ScriptedClient { IsConnected = true, ClosesInTime = false };
        var log = new RecordingLog();

        ClientRelease.Run(client, accepted: true, Bound, log, "broker:8883");

        CollectionAssert.AreEqual(new[] { "Disconnect", "WaitClosed " + Bound, "Close" }, client.Calls);
        CollectionAssert.AreEqual(new[] { "W mqtt: the previous connection to broker:8883 did not close within 10 s; closing it before connecting again" }, log.Lines.ToArray());
    }

    [TestMethod]
    public void DisconnectThatThrows_IsLogged_AndTheWaitStillHappens()
    {
        var client = new ScriptedClient { IsConnected = true, ClosesInTime = true, DisconnectThrows = true };
        var log = new RecordingLog();

        ClientRelease.Run(client, accepted: true, Bound, log, "broker:8883");

        CollectionAssert.AreEqual(new[] { "Disconnect", "WaitClosed " + Bound }, client.Calls);
        StringAssert.StartsWith(log.Lines.Single(), "D mqtt: DISCONNECT to broker:8883 not sent (System.IO.IOException: link gone)");
    }

    [TestMethod]
    public void Unaccepted_IsClosedDirectly_WithoutWaitingForAShutdownThatNeverComes()
    {
        var client = new ScriptedClient { IsConnected = false, ClosesInTime = false, CloseThrows = true };
        var log = new RecordingLog();

        ClientRelease.Run(client, accepted: false, Bound, log, "broker:8883");

        CollectionAssert.AreEqual(new[] { "Close" }, client.Calls);
        StringAssert.StartsWith(log.Lines.Single(), "W mqtt: closing the unaccepted connection to broker:8883 failed (System.IO.IOException: link gone)");
    }

    private sealed class ScriptedClient : IReleasableClient
    {
        public List<string> Calls { get; } = [];
        public bool IsConnected { get; init; }
        public bool ClosesInTime { get; init; }
        public bool DisconnectThrows { get; init; }
        public bool CloseThrows { get; init; }

        public void Disconnect()
        {
            Calls.Add("Disconnect");
            if (DisconnectThrows)
            {
                throw new IOException("link gone");
            }
        }

        public bool WaitClosed(int milliseconds)
        {
            Calls.Add("WaitClosed " + milliseconds);
            return ClosesInTime;
        }

        public void Close()
        {
            Calls.Add("Close");
            if (CloseThrows)
            {
                throw new IOException("link gone");
            }
        }
    }
}
