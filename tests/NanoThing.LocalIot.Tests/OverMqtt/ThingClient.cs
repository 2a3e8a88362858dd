using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NanoThing.LocalIot.Shadows;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>
/// A device (or any client) on the real broker: publishes shadow requests and waits, with a bound, for the
/// messages it receives. Messages are consumed in arrival order.
/// </summary>
internal sealed class ThingClient : IAsyncDisposable
{
    /// <summary>Bound on every wait for a message.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly MqttClient client;
    private readonly Channel<MqttMessage> received = Channel.CreateUnbounded<MqttMessage>();

    private ThingClient(MqttClient client, string name)
    {
        this.client = client;
        Name = name;
        client.MessageReceived += m => received.Writer.TryWrite(m);
    }

    public string Name { get; }

    public static async Task<ThingClient> ConnectAsync(MqttConnectOptions options, string name)
    {
        var thing = new ThingClient(new MqttClient(options), name);
        await thing.ReconnectAsync();
        return thing;
    }

    /// <summary>Connects again (after a broker restart) and subscribes to every reply topic of the given shadows.</summary>
    public async Task ReconnectAsync(params ShadowId[] shadows)
    {
        await client.DisconnectAsync();
        var result = await client.ConnectAsync();
        Assert.IsTrue(result.IsConnected, result.Message);
        if (shadows.Length > 0)
        {
            await SubscribeAsync(shadows);
        }
    }

    /// <summary>Subscribes to all eight reply topics of each shadow.</summary>
    public async Task SubscribeAsync(params ShadowId[] shadows)
    {
        var filters = shadows.SelectMany(id => Enum.GetValues<ShadowResponseKind>().Select(kind => ShadowTopics.Response(id, kind)))
            .Select(topic => new MqttSubscription(topic, MqttQos.AtLeastOnce)).ToList();
        foreach (var chunk in filters.Chunk(8))
        {
            var result = await client.SubscribeAsync(chunk);
            Assert.IsTrue(result.AllGranted, result.Message);
        }
    }

    public async Task PublishAsync(string topic, string payload) => await PublishAsync(topic, Encoding.UTF8.GetBytes(payload));

    public async Task PublishAsync(string topic, byte[] payload)
    {
        var result = await client.PublishAsync(topic, payload, MqttQos.AtLeastOnce);
        Assert.IsTrue(result.Succeeded, result.Message);
    }

    /// <summary>Publishes at QoS 1; false when the connection is down or dropped before the PUBACK.</summary>
    public async Task<bool> TryPublishAsync(ShadowId id, ShadowOperation operation, string payload) =>
        (await client.PublishAsync(ShadowTopics.Request(id, operation), Encoding.UTF8.GetBytes(payload), MqttQos.AtLeastOnce)).Succeeded;

    /// <summary>True while connected.</summary>
    public bool IsConnected => client.IsConnected;

    /// <summary>One reconnect attempt (as a device would make after losing the broker); false when it failed.</summary>
    public async Task<bool> TryReconnectAsync(params ShadowId[] shadows)
    {
        await client.DisconnectAsync();
        if (!(await client.ConnectAsync()).IsConnected)
        {
            return false;
        }

        await SubscribeAsync(shadows);
        return true;
    }

    public Task PublishAsync(ShadowId id, ShadowOperation operation, string payload) => PublishAsync(ShadowTopics.Request(id, operation), payload);

    /// <summary>The next message received, which must arrive within <see cref="Wait"/>.</summary>
    public async Task<MqttMessage> NextAsync()
    {
        return await TryReceiveAsync(Wait) ?? throw new AssertFailedException(Name + " received nothing within " + Wait.TotalSeconds + " s");
    }

    /// <summary>
    /// The next message, which must be on <paramref name="topic"/>; returns its JSON text. Late replies to
    /// <see cref="RequestUntilAnsweredAsync"/> probes (clientToken "probe-…") are skipped.
    /// </summary>
    public async Task<string> ExpectAsync(string topic)
    {
        while (true)
        {
            var message = await NextAsync();
            var text = Encoding.UTF8.GetString(message.Payload.Span);
            if (text.Contains("\"clientToken\":\"" + ProbePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            Assert.AreEqual(topic, message.Topic, Name + " got " + message.Topic + " " + text);
            return text;
        }
    }

    public Task<string> ExpectAsync(ShadowId id, ShadowResponseKind kind) => ExpectAsync(ShadowTopics.Response(id, kind));

    private const string ProbePrefix = "probe-";

    /// <summary>
    /// Publishes GET (clientToken "probe-N") until the service answers one, each wait bounded, and returns that
    /// reply's JSON: for waiting until a restarted service or broker serves again.
    /// </summary>
    public async Task<string> GetWhenServedAsync(ShadowId id, int attempts = 20)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            await PublishAsync(id, ShadowOperation.Get, "{\"clientToken\":\"" + ProbePrefix + attempt + "\"}");
            if (await TryReceiveAsync(TimeSpan.FromSeconds(2)) is { } message)
            {
                return Encoding.UTF8.GetString(message.Payload.Span);
            }
        }

        throw new AssertFailedException(Name + ": no reply to GET after " + attempts + " attempts");
    }

    /// <summary>True when nothing is waiting (call after a later reply proved earlier ones were delivered).</summary>
    public bool HasNothingPending(out string pending)
    {
        pending = received.Reader.TryPeek(out var message) ? message.Topic + " " + Encoding.UTF8.GetString(message.Payload.Span) : "";
        return pending.Length == 0;
    }

    /// <summary>
    /// Waits up to <paramref name="bound"/> for the reply to <paramref name="operation"/> on <paramref name="id"/>
    /// (accepted or rejected) that carries <paramref name="clientToken"/>, skipping every other message; null
    /// when none came (what a device does: match by token, give up after a bound, then retry or GET).
    /// </summary>
    public async Task<(ShadowResponseKind Kind, string Json)?> ReplyWithTokenAsync(ShadowId id, ShadowOperation operation, string clientToken, TimeSpan bound)
    {
        var (accepted, rejected) = operation switch
        {
            ShadowOperation.Get => (ShadowResponseKind.GetAccepted, ShadowResponseKind.GetRejected),
            ShadowOperation.Update => (ShadowResponseKind.UpdateAccepted, ShadowResponseKind.UpdateRejected),
            _ => (ShadowResponseKind.DeleteAccepted, ShadowResponseKind.DeleteRejected),
        };
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline && await TryReceiveAsync(deadline - DateTime.UtcNow) is { } message)
        {
            var text = Encoding.UTF8.GetString(message.Payload.Span);
            if (JsonNode.Parse(text)?["clientToken"]?.GetValue<string>() != clientToken)
            {
                continue;
            }

            if (message.Topic == ShadowTopics.Response(id, accepted))
            {
                return (accepted, text);
            }

            if (message.Topic == ShadowTopics.Response(id, rejected))
            {
                return (rejected, text);
            }
        }

        return null;
    }

    /// <summary>The next message within <paramref name="bound"/>, or null (the read is cancelled, so no message is lost).</summary>
    private async Task<MqttMessage?> TryReceiveAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            return await received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static long Version(string json) => (long)JsonNode.Parse(json)!["version"]!;

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
