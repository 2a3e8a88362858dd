using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt.Connection;

/// <summary>
/// The connect step: TCP (NoDelay), TLS with server validation against the given CAs only, CONNECT and CONNACK,
/// all under one timeout. Under TLS 1.3 a broker that refuses the client certificate lets the handshake finish
/// and then closes the connection, so an I/O failure or end of stream before CONNACK is reported as a TLS error.
/// </summary>
internal static class MqttConnector
{
    public static async Task<(MqttConnectResult Result, MqttConnection? Connection)> ConnectAsync(
        MqttConnectOptions options, Action<MqttMessage> onMessage, Action<MqttConnectionLost> onLost, Action onPingResponse,
        CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.ConnectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        var validation = new ServerCertificateCheck(options.Tls);
        SslStream? ssl = null;
        string stage = "TCP connect";
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, bound.Token);
            stage = "TLS handshake";
            ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(TlsOptions(options, validation), bound.Token);
            stage = "CONNECT/CONNACK";
            await ssl.WriteAsync(new ConnectPacket(options.ClientId, options.KeepAliveSeconds, options.CleanSession).Encode(), bound.Token);
            await ssl.FlushAsync(bound.Token);
            var reader = new PacketReader(ssl, options.MaxIncomingPacketBytes);
            var read = await reader.ReadAsync(bound.Token);
            var result = ToResult(read, options);
            if (!result.IsConnected)
            {
                Close(tcp, ssl);
                return (result, null);
            }
            var connection = new MqttConnection(tcp, ssl, reader, options, onMessage, onLost, onPingResponse);
            connection.Start();
            return (result, connection);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Close(tcp, ssl);
            return (new(MqttConnectStatus.Timeout, "Connecting to " + options.Endpoint + " timed out after "
                + options.ConnectTimeout.TotalSeconds + " s during the " + stage + ". Check that the broker is running and reachable."), null);
        }
        catch (SocketException e)
        {
            Close(tcp, ssl);
            return (new(MqttConnectStatus.NetworkError, "Could not open a TCP connection to " + options.Endpoint + ": " + e.Message
                + ". Check the host name and port, and that the broker is running."), null);
        }
        catch (AuthenticationException e)
        {
            Close(tcp, ssl);
            return (new(MqttConnectStatus.TlsError, validation.Failure ?? ("The TLS handshake with " + options.Endpoint + " failed: " + e.Message
                + ". The broker may have refused the client certificate (not issued by a CA it trusts, or expired) or the TLS version.")), null);
        }
        catch (IOException e) when (stage != "TCP connect")
        {
            Close(tcp, ssl);
            return (ClosedBeforeConnAck(options, stage + ": " + e.Message), null);
        }
        catch
        {
            Close(tcp, ssl);
            throw;
        }
    }

    private static MqttConnectResult ToResult(PacketReadResult read, MqttConnectOptions options)
    {
        if (read.EndOfStream) return ClosedBeforeConnAck(options, "end of stream before CONNACK");
        if (read.ProtocolError is not null)
            return new(MqttConnectStatus.ProtocolError, "The broker at " + options.Endpoint + " answered CONNECT with an invalid packet: " + read.ProtocolError);
        if (read.Packet is not ConnAckPacket connAck)
            return new(MqttConnectStatus.ProtocolError, "The broker at " + options.Endpoint + " answered CONNECT with " + read.Packet!.Type + " instead of CONNACK.");
        return MqttConnectResult.FromConnAck(connAck.ReturnCode, connAck.SessionPresent, options.Endpoint, options.ClientId);
    }

    private static MqttConnectResult ClosedBeforeConnAck(MqttConnectOptions options, string detail) =>
        new(MqttConnectStatus.TlsError, "The broker at " + options.Endpoint + " closed the connection before CONNACK (" + detail
            + "). Most likely it refused the client certificate: check that it is issued by the CA the broker trusts, not expired, and matches its key.");

    private static SslClientAuthenticationOptions TlsOptions(MqttConnectOptions options, ServerCertificateCheck validation)
    {
        var tls = options.Tls;
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(tls.TrustedCas);
        return new SslClientAuthenticationOptions
        {
            TargetHost = options.ServerName ?? options.Host,
            EnabledSslProtocols = tls.Protocols,
            CertificateChainPolicy = policy,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ClientCertificates = tls.ClientCertificate is null ? null : [tls.ClientCertificate],
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validation.Check(options, certificate, chain, errors),
        };
    }

    private static void Close(TcpClient tcp, SslStream? ssl)
    {
        ssl?.Dispose();
        tcp.Dispose();
    }
}
