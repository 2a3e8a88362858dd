using NanoThing.Cli.Commands.Shadow;
using NanoThing.Cli.Execution;
using NanoThing.Mqtt;

namespace NanoThing.Cli.Commands.Check;

/// <summary>The likely cause and fix of each way connecting as a thing can fail (AWS IoT's check order: valid
/// certificate and SNI, certificate registered and ACTIVE, policy allowing iot:Connect for a client id equal to the
/// thing name).</summary>
public static class ConnectFailures
{
    public static CliError ToError(MqttConnectResult connect, ShadowTarget target)
    {
        string thing = target.Files.Thing.Value;
        string where = $"{target.Endpoint.Host}:{target.Endpoint.Port}";
        return connect.Status switch
        {
            MqttConnectStatus.NetworkError => new(Failure.ConnectFailed, $"cannot reach {where}: {connect.Message}",
                $"check the endpoint (AWS: aws iot describe-endpoint --endpoint-type iot:Data-ATS; local: nanothing local status) and that port {target.Endpoint.Port} is not blocked"),
            MqttConnectStatus.TlsError => new(Failure.ConnectFailed, $"TLS with {where} failed: {connect.Message}",
                "if the server certificate is not trusted: use the right CA (AWS: Amazon Root CA 1/3; local: things/" + thing + "/root-ca.pem). "
                + "If the broker closed the connection: the certificate is not registered, not ACTIVE or from another CA (nanothing register --thing " + thing
                + ", or for the local stand-in: nanothing local provision --thing " + thing + " --force)"),
            MqttConnectStatus.Timeout => new(Failure.ConnectFailed, $"no CONNACK from {where}: {connect.Message}",
                "check that the endpoint is an MQTT endpoint on this port (8883) and retry"),
            MqttConnectStatus.RefusedNotAuthorized or MqttConnectStatus.RefusedBadCredentials => new(Failure.Rejected,
                $"{where} refused the connection (CONNACK {(int)connect.Status}): {connect.Message}",
                $"the policy must allow iot:Connect for client id {thing} and the certificate must be attached to thing {thing}: nanothing register --thing {thing}"),
            MqttConnectStatus.RefusedIdentifier => new(Failure.Rejected, $"{where} refused client id {thing}: {connect.Message}",
                "the client id must equal the thing name"),
            _ => new(Failure.Rejected, $"{where} refused the connection (CONNACK {(int)connect.Status}): {connect.Message}", "retry later"),
        };
    }
}
