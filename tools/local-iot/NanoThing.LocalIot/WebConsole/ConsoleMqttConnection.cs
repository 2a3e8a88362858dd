using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NanoThing.LocalIot.Pki;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// One MQTT 5 connection of the console to the stand-in's broker, as an application identity of the local CA (client id
/// = the certificate's CN, as the broker requires), over TLS with the broker's certificate checked against the local
/// CA. The broker treats it as any other client: its policy applies, refusals come back as MQTT 5 reason codes.
/// </summary>
public sealed class ConsoleMqttConnection : IAsyncDisposable
{
    private readonly IMqttClient client;
    private readonly X509Certificate2 certificate;
    private int disposing;

    private ConsoleMqttConnection(IMqttClient client, X509Certificate2 certificate)
    {
        this.client = client;
        this.certificate = certificate;
    }

    /// <summary>The client id (= the identity's name).</summary>
    public required string ClientId { get; init; }

    /// <summary>Connects as <paramref name="identity"/> (a name with a dot) with its <paramref name="credentials"/>, trusting a
    /// broker certificate of <paramref name="caCertificate"/>; every message received goes to <paramref name="received"/> (topic, payload, QoS, retain).
    /// <paramref name="lost"/>, if given, hears (with the reason) when an accepted connection ends other than by <see cref="DisposeAsync"/>.</summary>
    public static async Task<(ConsoleMqttConnection? Connection, string? Error)> ConnectAsync(ClientCredentials credentials, X509Certificate2 caCertificate,
        string host, int port, string identity, Action<string, byte[], int, bool> received, CancellationToken cancellationToken, Action<string>? lost = null)
    {
        var certificate = X509Certificate2.CreateFromPem(credentials.CertificatePem, credentials.PrivateKeyPem);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(identity)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(host)
                .WithClientCertificates([certificate])
                .WithCertificateValidationHandler(args => args.Certificate is { } presented
                    && CaChain.IsIssuedBy(X509CertificateLoader.LoadCertificate(presented.GetRawCertData()), caCertificate, out _)))
            .Build();
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += args =>
        {
            var message = args.ApplicationMessage;
            received(message.Topic, message.Payload.ToArray(), (int)message.QualityOfServiceLevel, message.Retain);
            return Task.CompletedTask;
        };
        // made before the connect: a link that drops between CONNACK and the return must still be heard as lost
        var connection = new ConsoleMqttConnection(client, certificate) { ClientId = identity };
        client.DisconnectedAsync += args =>
        {
            if (args.ClientWasConnected && Volatile.Read(ref connection.disposing) == 0)
            {
                lost?.Invoke(args.ReasonString ?? args.Reason.ToString());
            }

            return Task.CompletedTask;
        };
        try
        {
            var result = await client.ConnectAsync(options, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                client.Dispose();
                certificate.Dispose();
                return (null, "the broker refused the console's connection as " + identity + ": " + result.ResultCode);
            }
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or IOException)
        {
            client.Dispose();
            certificate.Dispose();
            return (null, "the console cannot connect to the broker at " + host + ":" + port + " as " + identity + ": " + e.Message);
        }

        return (connection, null);
    }

    /// <summary>True while connected.</summary>
    public bool IsConnected => client.IsConnected;

    /// <summary>Subscribes to <paramref name="filter"/> at <paramref name="qos"/>; returns the broker's reason code ("GrantedQoS1", "NotAuthorized", …).</summary>
    public async Task<(bool Granted, string Reason)> SubscribeAsync(string filter, int qos, CancellationToken cancellationToken)
    {
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, (MqttQualityOfServiceLevel)qos).Build(), cancellationToken);
        var code = result.Items.First().ResultCode;
        return (code <= MqttClientSubscribeResultCode.GrantedQoS2, code.ToString());
    }

    /// <summary>Unsubscribes from <paramref name="filter"/>.</summary>
    public Task UnsubscribeAsync(string filter, CancellationToken cancellationToken) =>
        client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(filter).Build(), cancellationToken);

    /// <summary>Publishes; returns the broker's PUBACK reason code for QoS 1 ("Success", "NotAuthorized", …), "sent" for QoS 0.</summary>
    public async Task<(bool Accepted, string Reason)> PublishAsync(string topic, byte[] payload, int qos, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build();
        var result = await client.PublishAsync(message, cancellationToken);
        return qos == 0 ? (true, "sent (QoS 0: no acknowledgement)") : (result.IsSuccess, result.ReasonCode.ToString());
    }

    /// <summary>Disconnects. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposing, 1) == 1)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync();
            }
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // already gone
        }

        client.Dispose();
        certificate.Dispose();
    }
}
