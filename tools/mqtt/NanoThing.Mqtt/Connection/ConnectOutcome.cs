using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;

namespace NanoThing.Mqtt.Connection;

/// <summary>
/// Turns what MQTTnet's <c>ConnectAsync</c> returned or threw into a <see cref="MqttConnectResult"/>, using what the
/// <see cref="ConnectAttempt"/> saw (the step, a TCP failure, a refused server certificate). Under TLS 1.3 a broker
/// that refuses the client certificate lets the handshake finish and then closes the connection, so an end of stream
/// or I/O failure before CONNACK is reported as a TLS error.
/// </summary>
internal static class ConnectOutcome
{
    /// <summary>The result for a CONNACK MQTTnet decoded.</summary>
    public static MqttConnectResult Of(MqttClientConnectResult connAck, MqttConnectOptions options) =>
        MqttConnectResult.FromConnAck(ReturnCode(connAck.ResultCode), connAck.IsSessionPresent, options.Endpoint, options.ClientId);

    /// <summary>The result for a failure before CONNACK; null when <paramref name="failure"/> is not one (a bug: rethrow).</summary>
    public static MqttConnectResult? Of(Exception failure, ConnectAttempt attempt, MqttConnectOptions options, bool timedOut)
    {
        string endpoint = options.Endpoint;
        if (timedOut)
        {
            return new(MqttConnectStatus.Timeout, "Connecting to " + endpoint + " timed out after " + options.ConnectTimeout.TotalSeconds
                + " s during the " + attempt.Stage + ". Check that the broker is running and reachable.");
        }

        if (attempt.TcpFailure is { } tcp)
        {
            return new(MqttConnectStatus.NetworkError, "Could not open a TCP connection to " + endpoint + ": " + tcp.Message
                + ". Check the host name and port, and that the broker is running.");
        }

        if (attempt.ServerCertificateRefusal is { } refusal)
        {
            return new(MqttConnectStatus.TlsError, refusal);
        }

        if (Find<AuthenticationException>(failure) is { } tls)
        {
            return new(MqttConnectStatus.TlsError, "The TLS handshake with " + endpoint + " failed: " + tls.Message
                + ". The broker may have refused the client certificate (not issued by a CA it trusts, or expired) or the TLS version.");
        }

        if (failure is MqttConnectingFailedException && Find<MqttProtocolViolationException>(failure) is { } violation)
        {
            return new(MqttConnectStatus.ProtocolError, "The broker at " + endpoint + " answered CONNECT with an invalid CONNACK or another packet instead of CONNACK ("
                + violation.Message + "); it is not an MQTT 3.1.1 broker.");
        }

        if (failure is MqttCommunicationException && attempt.Stage != "TCP connect")
        {
            return new(MqttConnectStatus.TlsError, "The broker at " + endpoint + " closed the connection before CONNACK (" + attempt.Stage + ": "
                + Innermost(failure).Message + "). Most likely it refused the client certificate: check that it is issued by the CA the broker trusts, "
                + "not expired, and matches its key.");
        }

        return null;
    }

    /// <summary>The MQTT 3.1.1 CONNACK return code MQTTnet decoded into <paramref name="code"/>.</summary>
    private static byte ReturnCode(MqttClientConnectResultCode code) => code switch
    {
        MqttClientConnectResultCode.Success => 0,
        MqttClientConnectResultCode.UnsupportedProtocolVersion => 1,
        MqttClientConnectResultCode.ClientIdentifierNotValid => 2,
        MqttClientConnectResultCode.ServerUnavailable => 3,
        MqttClientConnectResultCode.BadUserNameOrPassword => 4,
        MqttClientConnectResultCode.NotAuthorized => 5,
        _ => 255, // MQTTnet maps only 0..5 for MQTT 3.1.1 (it throws for others); anything else is unknown
    };

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
