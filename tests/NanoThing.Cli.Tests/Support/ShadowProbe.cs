using System.Text;
using NanoThing.Mqtt;

namespace NanoThing.Cli.Tests.Support;

/// <summary>Connects to an endpoint as a thing (its device.crt/device.key/root-ca.pem) and performs one shadow
/// request, waiting (bounded) for the accepted or rejected reply.</summary>
public static class ShadowProbe
{
    public static async Task<(MqttConnectStatus Status, string? Reply)> RequestAsync(string thingDirectory, string thing, int port, string operation, string payload)
    {
        if (!TlsSettings.TryLoadFromPemFiles(Path.Combine(thingDirectory, "root-ca.pem"), Path.Combine(thingDirectory, "device.crt"),
                Path.Combine(thingDirectory, "device.key"), out var tls, out string error))
        {
            throw new InvalidOperationException(error);
        }

        await using var client = new MqttClient(new MqttConnectOptions("127.0.0.1", port, thing, tls) { ServerName = "localhost" });
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string prefix = $"$aws/things/{thing}/shadow/{operation}/";
        client.MessageReceived += message =>
        {
            if (message.Topic.StartsWith(prefix, StringComparison.Ordinal))
            {
                reply.TrySetResult(message.Topic[prefix.Length..] + " " + Encoding.UTF8.GetString(message.Payload.Span));
            }
        };
        MqttConnectResult connected = await client.ConnectAsync();
        if (!connected.IsConnected)
        {
            return (connected.Status, null);
        }

        await client.SubscribeAsync(prefix + "accepted");
        await client.SubscribeAsync(prefix + "rejected");
        await client.PublishAsync($"$aws/things/{thing}/shadow/{operation}", Encoding.UTF8.GetBytes(payload));
        return (connected.Status, await reply.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
