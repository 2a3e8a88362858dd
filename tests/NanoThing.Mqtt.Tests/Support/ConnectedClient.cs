using System.Collections.Concurrent;
using System.Text;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt.Tests.Support;

/// <summary>An accepted <see cref="MqttClient"/> that records what it receives and when it is lost, with bounded waits.</summary>
internal sealed class ConnectedClient : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<MqttMessage> _received = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly TaskCompletionSource<MqttConnectionLost> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConnectedClient(MqttClient client)
    {
        Client = client;
        client.MessageReceived += message => { _received.Enqueue(message); _arrivals.Release(); };
        client.ConnectionLost += lost => _lost.TrySetResult(lost);
    }

    public MqttClient Client { get; }

    public Task<MqttConnectionLost> Lost => _lost.Task;

    public IReadOnlyList<MqttMessage> Received => _received.ToArray();

    public static async Task<ConnectedClient> ConnectAsync(MqttConnectOptions options, Action<MqttClient>? beforeConnect = null)
    {
        var connected = new ConnectedClient(new MqttClient(options));
        beforeConnect?.Invoke(connected.Client);
        var result = await connected.Client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.Accepted, result.Status, result.Message);
        return connected;
    }

    public async Task SubscribeAsync(params string[] filters)
    {
        var result = await Client.SubscribeAsync(filters.Select(f => new MqttSubscription(f, MqttQos.AtLeastOnce)).ToList());
        Assert.IsTrue(result.AllGranted, result.Message);
    }

    public async Task PublishAsync(string topic, string payload, MqttQos qos = MqttQos.AtLeastOnce)
    {
        var result = await Client.PublishAsync(topic, Encoding.UTF8.GetBytes(payload), qos);
        Assert.IsTrue(result.Succeeded, result.Message);
    }

    /// <summary>Waits (bounded) until a message on <paramref name="topic"/> has arrived; returns its payload.</summary>
    public Task<string> WaitForAsync(string topic) => WaitForAsync(topic, _ => true);

    /// <summary>Waits (bounded) until a message on <paramref name="topic"/> whose payload satisfies <paramref name="accept"/> has arrived; returns its payload.</summary>
    public async Task<string> WaitForAsync(string topic, Func<string, bool> accept)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var match = _received.FirstOrDefault(m => m.Topic == topic && accept(Encoding.UTF8.GetString(m.Payload.Span)));
            if (match is not null) return Encoding.UTF8.GetString(match.Payload.Span);
            try
            {
                await _arrivals.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail(Client.Options.ClientId + " received nothing on '" + topic + "' within " + Bound.TotalSeconds + " s; it got: "
                    + string.Join(", ", _received.Select(m => m.Topic)));
            }
        }
    }

    public bool HasReceived(string topic) => _received.Any(m => m.Topic == topic);

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
