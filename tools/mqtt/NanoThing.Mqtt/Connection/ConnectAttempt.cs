using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Channel;
using MQTTnet.Formatter;

namespace NanoThing.Mqtt.Connection;

/// <summary>
/// One connect of MQTTnet's client, with what MQTTnet does not report itself: which step it was in (TCP connect,
/// TLS handshake, CONNECT/CONNACK) and why a step failed. The TCP connect is done here (MQTTnet's stream provider
/// hook) so that its failure is known as such; MQTTnet then runs TLS over it with the options built here (only the
/// given CAs trusted, no revocation lookup, the client certificate from PEM always presented) and CONNECT/CONNACK.
/// </summary>
internal sealed class ConnectAttempt : IMqttClientStreamProvider, IMqttClientCertificatesProvider
{
    private readonly MqttConnectOptions options;
    private readonly ServerCertificateCheck serverCheck;
    private volatile bool tcpConnected;

    public ConnectAttempt(MqttConnectOptions options)
    {
        this.options = options;
        serverCheck = new ServerCertificateCheck(options);
    }

    /// <summary>The step in progress: "TCP connect", "TLS handshake" or "CONNECT/CONNACK".</summary>
    public string Stage => !tcpConnected ? "TCP connect" : serverCheck.Accepted ? "CONNECT/CONNACK" : "TLS handshake";

    /// <summary>The TCP failure, when the TCP connect failed.</summary>
    public SocketException? TcpFailure { get; private set; }

    /// <summary>Why the server certificate was refused, when it was.</summary>
    public string? ServerCertificateRefusal => serverCheck.Failure;

    /// <summary>MQTTnet's options for this connect: MQTT 3.1.1 over TLS through this attempt.</summary>
    public MqttClientOptions ClientOptions()
    {
        var tls = options.Tls;
        return new MqttClientOptions
        {
            ClientId = options.ClientId,
            CleanSession = options.CleanSession,
            KeepAlivePeriod = TimeSpan.FromSeconds(options.KeepAliveSeconds),
            ProtocolVersion = MqttProtocolVersion.V311,
            Timeout = options.OperationTimeout,
            ChannelOptions = new MqttClientTcpOptions
            {
                RemoteEndpoint = new DnsEndPoint(options.Host, options.Port),
                StreamProvider = this,
                TlsOptions = new MqttClientTlsOptions
                {
                    UseTls = true,
                    TargetHost = options.ServerName ?? options.Host,
                    SslProtocol = tls.Protocols,
                    TrustChain = tls.TrustedCas,
                    IgnoreCertificateRevocationErrors = true, // the local CA and the device certificates have no CRL/OCSP
                    ClientCertificatesProvider = this,
                    CertificateSelectionHandler = tls.ClientCertificate is null ? null : _ => tls.ClientCertificate,
                    CertificateValidationHandler = e => serverCheck.Check(e.Certificate, e.Chain, e.SslPolicyErrors),
                },
            },
        };
    }

    /// <inheritdoc />
    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, cancellationToken);
        }
        catch (SocketException e)
        {
            TcpFailure = e;
            tcp.Dispose();
            throw;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        tcpConnected = true;
        return tcp.GetStream(); // owns the socket: MQTTnet closes it with the TLS stream
    }

    /// <inheritdoc />
    public X509CertificateCollection GetCertificates() =>
        options.Tls.ClientCertificate is { } certificate ? new X509CertificateCollection { certificate } : [];
}
