using System.Net;
using System.Text.Json.Nodes;
using NanoThing.Console.Tests.Support;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.WebConsole;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.Console.Tests;

/// <summary>The console's watcher comes back when the broker drops it, and the thing list catches up.</summary>
[TestClass]
public sealed class ConsoleWatcherTests
{
    [TestMethod]
    public async Task AfterATakeoverOfItsClientId_TheWatcherReconnects_AndSeesThingsConnectingAgain()
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var standIn = await ConsoleStandIn.StartAsync(line =>
        {
            if (line.Contains("console: the watcher lost the broker", StringComparison.Ordinal)) lost.TrySetResult();
            if (line.Contains("console: the watcher is connected again", StringComparison.Ordinal)) back.TrySetResult();
        });
        Assert.IsTrue(standIn.Console.Watcher.IsWatching);

        // Someone holding the console's kept identity connects with its client id: AWS's takeover drops the watcher.
        string folder = Path.Combine(standIn.DataFolder, "identities", LocalConsole.WatcherIdentity);
        var kept = new ClientCredentials(LocalConsole.WatcherIdentity, File.ReadAllText(Path.Combine(folder, KeptApplicationIdentity.CertificateFileName)),
            File.ReadAllText(Path.Combine(folder, KeptApplicationIdentity.KeyFileName)));
        var (impostor, error) = await ConsoleMqttConnection.ConnectAsync(kept, standIn.Ca.CaCertificate, "127.0.0.1", standIn.Server.Port, LocalConsole.WatcherIdentity,
            (_, _, _, _) => { }, CancellationToken.None);
        Assert.IsNotNull(impostor, error);
        await lost.Task.WaitAsync(ConsoleStandIn.Bound);
        await impostor.DisposeAsync();

        await back.Task.WaitAsync(ConsoleStandIn.Bound);
        Assert.IsTrue(standIn.Console.Watcher.IsWatching);
        Assert.IsTrue(standIn.Console.Watcher.Reconnects >= 1);

        // A thing that connects afterwards is seen through the new connection's lifecycle events, as a page hears them.
        using var http = new HttpClient { BaseAddress = new Uri(standIn.Console.Url), Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Cookie", "nanothing-console-" + standIn.Console.Port + "=" + standIn.Console.Token.Value);
        using var timeout = new CancellationTokenSource(ConsoleStandIn.Bound);
        using var events = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.AreEqual(HttpStatusCode.OK, events.StatusCode);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(timeout.Token));
        Assert.AreEqual("retry: 2000", await reader.ReadLineAsync(timeout.Token), "the stream is open before the board starts");
        standIn.StartBoard("watched-again", new FixedWeather(new(21.5, 101_300, 40)));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
            Assert.IsNotNull(line, "the event stream ended before the thing's connection was seen");
        }
        while (!IsConnectedEvent(line));
    }

    private static bool IsConnectedEvent(string line) =>
        line.StartsWith("data: ", StringComparison.Ordinal) && JsonNode.Parse(line["data: ".Length..]) is JsonObject data
        && (string?)data["thing"] == "watched-again" && data["connected"] is JsonValue connected && connected.GetValueKind() == System.Text.Json.JsonValueKind.True;
}
