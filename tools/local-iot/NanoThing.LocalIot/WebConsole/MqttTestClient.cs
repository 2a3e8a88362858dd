using System.Text;
using NanoThing.LocalIot.Pki;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// The console's MQTT test client (AWS: IoT Core > MQTT test client): subscribe to topic filters and see the messages
/// live, publish to a topic. It is its own MQTT connection as the application identity <see cref="Identity"/>, made on
/// first use, so the broker applies that identity's policy to it; a refusal is shown with the broker's reason code.
/// Received messages go to the open pages as <c>mqtt</c> events.
/// </summary>
public sealed class MqttTestClient(Func<string, (ClientCredentials? Credentials, string Error)> issueIdentity, System.Security.Cryptography.X509Certificates.X509Certificate2 caCertificate,
    string host, int port, ConsoleEvents events) : IAsyncDisposable
{
    /// <summary>The test client's identity and client id.</summary>
    public const string Identity = "nanothing.console-test-client";

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SortedSet<string> filters = new(StringComparer.Ordinal);
    private ConsoleMqttConnection? connection;

    /// <summary>The filters subscribed to now.</summary>
    public IReadOnlyList<string> Filters
    {
        get
        {
            lock (filters)
            {
                return filters.ToList();
            }
        }
    }

    /// <summary>Subscribes; the outcome as the broker answered it.</summary>
    public Task<TestClientAnswer> SubscribeAsync(string filter, int qos, CancellationToken cancellationToken) => WithConnectionAsync(async c =>
    {
        var (granted, reason) = await c.SubscribeAsync(filter, qos, cancellationToken);
        if (granted)
        {
            lock (filters)
            {
                filters.Add(filter);
            }
        }

        return new TestClientAnswer(granted, granted ? "Subscribed to " + filter + " (" + reason + ")"
            : "Subscription to " + filter + " refused by the broker: " + reason + " (the identity " + Identity + "'s policy does not allow iot:Subscribe on it)", Filters);
    }, cancellationToken);

    /// <summary>Unsubscribes.</summary>
    public Task<TestClientAnswer> UnsubscribeAsync(string filter, CancellationToken cancellationToken) => WithConnectionAsync(async c =>
    {
        await c.UnsubscribeAsync(filter, cancellationToken);
        lock (filters)
        {
            filters.Remove(filter);
        }

        return new TestClientAnswer(true, "Unsubscribed from " + filter, Filters);
    }, cancellationToken);

    /// <summary>Publishes; the outcome as the broker answered it.</summary>
    public Task<TestClientAnswer> PublishAsync(string topic, string payload, int qos, bool retain, CancellationToken cancellationToken) => WithConnectionAsync(async c =>
    {
        var (accepted, reason) = await c.PublishAsync(topic, Encoding.UTF8.GetBytes(payload), qos, retain, cancellationToken);
        return new TestClientAnswer(accepted, accepted ? "Published to " + topic + " (" + reason + ")"
            : "Publish to " + topic + " refused by the broker: " + reason + " (the identity " + Identity + "'s policy does not allow iot:Publish on it)", Filters);
    }, cancellationToken);

    /// <summary>Disconnects. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<TestClientAnswer> WithConnectionAsync(Func<ConsoleMqttConnection, Task<TestClientAnswer>> action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (connection is null || !connection.IsConnected)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                    lock (filters)
                    {
                        filters.Clear(); // a new clean session: its subscriptions are gone
                    }
                }

                var (credentials, issueError) = issueIdentity(Identity);
                if (credentials is null)
                {
                    return new TestClientAnswer(false, "The test client has no identity: " + issueError, Filters);
                }

                var (connected, error) = await ConsoleMqttConnection.ConnectAsync(credentials, caCertificate, host, port, Identity, Received, cancellationToken);
                if (connected is null)
                {
                    return new TestClientAnswer(false, error!, Filters);
                }

                connection = connected;
            }

            return await action(connection);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or IOException or InvalidOperationException)
        {
            return new TestClientAnswer(false, "The broker closed the test client's connection: " + e.Message + " Try again; the client reconnects.", Filters);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Received(string topic, byte[] payload, int qos, bool retain) =>
        events.Publish("mqtt", new { topic, payload = Encoding.UTF8.GetString(payload), qos, retain, receivedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
}

/// <summary>What the test client did: whether the broker accepted it, the sentence to show, the filters subscribed to now.</summary>
public sealed record TestClientAnswer(bool Ok, string Message, IReadOnlyList<string> Filters);
