using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;

namespace NanoThing.EndToEnd.Tests.Support;

/// <summary>
/// The cloud changing a thing's desired state the way `nanothing shadow update` does: one short MQTT session with the
/// thing's own certificate that publishes <c>{"state":{"desired":...},"clientToken":...}</c> and waits, with a bound,
/// for the service's update/accepted or update/rejected carrying that token. The broker (like AWS IoT) makes the
/// certificate's name the client id, so this session takes the connection over from the board for a moment; the board
/// reconnects with backoff and finds the delta in the GET it does after every connect.
/// </summary>
public static class CloudUpdate
{
    /// <summary>Publishes the desired state <paramref name="desiredJson"/> and returns the service's reply (accepted or rejected JSON).</summary>
    public static async Task<(string Topic, JsonNode Reply)> SetDesiredAsync(MqttConnectOptions options, string thing, string desiredJson)
    {
        string prefix = "$aws/things/" + thing + "/shadow/update";
        string token = "cloud-" + Guid.NewGuid().ToString("N")[..8];
        var replies = Channel.CreateUnbounded<MqttMessage>();
        await using var client = new MqttClient(options);
        client.MessageReceived += message => replies.Writer.TryWrite(message);
        var connected = await client.ConnectAsync();
        Assert.IsTrue(connected.IsConnected, connected.Message);
        var subscribed = await client.SubscribeAsync([new MqttSubscription(prefix + "/accepted", MqttQos.AtLeastOnce), new MqttSubscription(prefix + "/rejected", MqttQos.AtLeastOnce)]);
        Assert.IsTrue(subscribed.AllGranted, subscribed.Message);
        var published = await client.PublishAsync(prefix, Encoding.UTF8.GetBytes("{\"state\":{\"desired\":" + desiredJson + "},\"clientToken\":\"" + token + "\"}"));
        Assert.IsTrue(published.Succeeded, published.Message);
        using var bound = new CancellationTokenSource(StandIn.Bound);
        while (true)
        {
            MqttMessage message;
            try
            {
                message = await replies.Reader.ReadAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new AssertFailedException($"no reply to the desired update {desiredJson} of {thing} within {StandIn.Bound.TotalSeconds} s");
            }

            var reply = JsonNode.Parse(Encoding.UTF8.GetString(message.Payload.Span))!;
            if ((string?)reply["clientToken"] == token)
            {
                return (message.Topic, reply);
            }
        }
    }
}
