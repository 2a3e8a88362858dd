using System.Text.Json.Nodes;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>A device updating its shadow continuously (reconnecting like a device) while the stand-in is restarted twice.</summary>
[TestClass]
public sealed class TrafficDuringRestartTests
{
    private const int Updates = 30;

    [TestMethod]
    public async Task ContinuousUpdates_AcrossServiceRestarts_EndWithTheLastValue_AndNoVersionGoesBackwards()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();
        var id = ShadowId.Classic("traffic");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);
        var reachedTen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reachedTwenty = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var device = Task.Run(async () =>
        {
            var versions = new List<long>();
            for (var n = 1; n <= Updates; n++)
            {
                versions.Add(await ReportUntilAcceptedAsync(thing, id, n));
                if (n == 10)
                {
                    reachedTen.TrySetResult();
                }

                if (n == 20)
                {
                    reachedTwenty.TrySetResult();
                }
            }

            return versions;
        });

        await ReachedOrFailedAsync(reachedTen.Task, device);
        await fixture.StopServiceAsync();
        await fixture.StartServiceAsync();
        await ReachedOrFailedAsync(reachedTwenty.Task, device);
        await fixture.StopServiceAsync();
        await fixture.StartServiceAsync();
        var accepted = await device.WaitAsync(TimeSpan.FromSeconds(120));

        for (var i = 1; i < accepted.Count; i++)
        {
            Assert.IsGreaterThan(accepted[i - 1], accepted[i], "versions must only grow: " + string.Join(",", accepted));
        }

        await thing.PublishAsync(id, ShadowOperation.Get, """{"clientToken":"final"}""");
        var final = await thing.ReplyWithTokenAsync(id, ShadowOperation.Get, "final", ThingClient.Wait);
        Assert.IsNotNull(final);
        var document = JsonNode.Parse(final.Value.Json)!;
        Assert.AreEqual(Updates, (int)document["state"]!["reported"]!["n"]!);
        Assert.AreEqual(accepted[^1], (long)document["version"]!);
        Assert.IsEmpty(fixture.Service!.Store.LoadFailures, "a shadow file was corrupted by a restart");
    }

    /// <summary>Waits (bounded) for the device to reach a step; surfaces the device's failure if it stopped first.</summary>
    private static async Task ReachedOrFailedAsync(Task step, Task device)
    {
        var first = await Task.WhenAny(step, device).WaitAsync(TimeSpan.FromSeconds(120));
        if (first == device)
        {
            await device; // rethrows the device's assertion
            Assert.IsTrue(step.IsCompleted, "the device finished without reaching the step");
        }
    }

    /// <summary>Like a device: report with a fresh token, wait a bounded time for its reply, retry when none came.</summary>
    private static async Task<long> ReportUntilAcceptedAsync(ThingClient thing, ShadowId id, int n)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var token = "n" + n + "-" + attempt;
            if (!thing.IsConnected && !await thing.TryReconnectAsync(id))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1))); // the device's reconnect backoff, not a wait for an event
                continue;
            }

            if (!await thing.TryPublishAsync(id, ShadowOperation.Update, "{\"state\":{\"reported\":{\"n\":" + n + "}},\"clientToken\":\"" + token + "\"}"))
            {
                continue;
            }

            var reply = await thing.ReplyWithTokenAsync(id, ShadowOperation.Update, token, TimeSpan.FromSeconds(3));
            if (reply is { Kind: ShadowResponseKind.UpdateAccepted } ok)
            {
                return ThingClient.Version(ok.Json);
            }

            Assert.IsNull(reply, "update " + n + " was rejected: " + reply?.Json);
            if (!thing.IsConnected)
            {
                await thing.TryReconnectAsync(id);
            }
        }

        throw new AssertFailedException("update " + n + " was never accepted");
    }
}
