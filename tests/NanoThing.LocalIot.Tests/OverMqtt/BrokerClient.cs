using System.Collections.Concurrent;
using System.Text;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>
/// An MQTT 3.1.1 client of the stand-in for broker-behaviour tests: keeps every message it receives, waits (bounded)
/// for a matching one, and records when the broker closed the connection.
/// </summary>
internal sealed class BrokerClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<MqttMessage> received = new();
    private readonly SemaphoreSlim arrivals = new(0);
    private readonly TaskCompletionSource<MqttConnectionLost> lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BrokerClient(MqttConnectOptions options)
    {
        Client = new MqttClient(options);
        Client.MessageReceived += message =>
        {
            received.Enqueue(message);
            arrivals.Release();
        };
        Client.ConnectionLost += connectionLost => lost.TrySetResult(connectionLost);
    }

    public MqttClient Client { get; }

    /// <summary>Completes when the broker closes the connection.</summary>
    public Task<MqttConnectionLost> Lost => lost.Task;

    public IReadOnlyList<MqttMessage> Received => received.ToArray();

    public async Task<MqttConnectResult> ConnectAsync() => await Client.ConnectAsync();

    public async Task ConnectOrFailAsync()
    {
        var result = await Client.ConnectAsync();
        Assert.IsTrue(result.IsConnected, result.Message);
    }

    public async Task SubscribeOrFailAsync(string filter, MqttQos qos = MqttQos.AtLeastOnce)
    {
        var result = await Client.SubscribeAsync(filter, qos);
        Assert.IsTrue(result.AllGranted, result.Message);
    }

    public async Task PublishOrFailAsync(string topic, string payload, bool retain = false)
    {
        var result = await Client.PublishAsync(topic, Encoding.UTF8.GetBytes(payload), MqttQos.AtLeastOnce, retain);
        Assert.IsTrue(result.Succeeded, result.Message);
    }

    /// <summary>The payload of the first message on <paramref name="topic"/>, waiting up to <see cref="ThingClient.Wait"/>.</summary>
    public async Task<string> WaitForAsync(string topic)
    {
        using var timeout = new CancellationTokenSource(ThingClient.Wait);
        while (true)
        {
            if (received.FirstOrDefault(m => m.Topic == topic) is { } match)
            {
                return Encoding.UTF8.GetString(match.Payload.Span);
            }

            try
            {
                await arrivals.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new AssertFailedException(Client.Options.ClientId + " received nothing on '" + topic + "'; it got: " + string.Join(", ", received.Select(m => m.Topic)));
            }
        }
    }

    public bool HasReceived(string topic) => received.Any(m => m.Topic == topic);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
