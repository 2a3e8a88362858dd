using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoThing.Cli.Commands.Shadow;
using NanoThing.Cli.Execution;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Cli.Commands.Check;

/// <summary>A reply of the Device Shadow service: accepted or rejected, with its JSON document.</summary>
public sealed record ShadowReply(bool Accepted, string Document)
{
    /// <summary>For a rejection: "code message" from {"code":..,"message":..}.</summary>
    public string Rejection
    {
        get
        {
            try
            {
                using var json = JsonDocument.Parse(Document);
                return $"{json.RootElement.GetProperty("code")} {json.RootElement.GetProperty("message").GetString()}";
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return Document;
            }
        }
    }
}

/// <summary>
/// A connection to the classic shadow of one thing, as that thing (client id = thing name, its certificate): one
/// request at a time, replies matched by clientToken, every wait bounded. Used by <c>check</c>, whose purpose is to
/// connect as the device; the <c>shadow</c> commands use the data plane instead.
/// </summary>
public sealed class ShadowSession : IAsyncDisposable
{
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private readonly MqttClient _client;
    private readonly string _prefix;
    private readonly object _gate = new();
    private TaskCompletionSource<ShadowReply>? _pending;
    private string _pendingToken = "";
    private int _counter;

    private ShadowSession(MqttClient client, string thing)
    {
        _client = client;
        _prefix = $"$aws/things/{thing}/shadow/";
        client.MessageReceived += OnMessage;
    }

    /// <summary>Loads the TLS files and connects (TLS + CONNACK as one step). On failure the error says which file or
    /// what the broker answered, with the likely cause.</summary>
    public static async Task<(ShadowSession? Session, MqttConnectResult? Connect, CliError? Error)> ConnectAsync(ShadowTarget target)
    {
        string thing = target.Files.Thing.Value;
        if (!TlsSettings.TryLoadFromPemFiles(target.CaFile, target.Files.Certificate, target.Files.Key, out var tls, out string tlsError))
        {
            return (null, null, new CliError(Failure.InputInvalid, tlsError, $"nanothing cert show --thing {thing}"));
        }

        var client = new MqttClient(new MqttConnectOptions(target.Endpoint.Host, target.Endpoint.Port, thing, tls)
        {
            ConnectTimeout = ReplyTimeout,
            OperationTimeout = ReplyTimeout,
        });
        MqttConnectResult connect = await client.ConnectAsync();
        if (!connect.IsConnected)
        {
            await client.DisposeAsync();
            return (null, connect, ConnectFailures.ToError(connect, target));
        }

        return (new ShadowSession(client, thing), connect, null);
    }

    /// <summary>Subscribes to the given topic suffixes (e.g. "get/accepted"); the error names the refused filters.</summary>
    public async Task<CliError?> SubscribeAsync(params string[] suffixes)
    {
        var subscriptions = suffixes.Select(suffix => new MqttSubscription(_prefix + suffix, MqttQos.AtLeastOnce)).ToList();
        MqttSubscribeResult result = await _client.SubscribeAsync(subscriptions);
        if (result.AllGranted)
        {
            return null;
        }

        string refused = string.Join(", ", result.Outcomes.Where(o => o.Refused).Select(o => o.TopicFilter));
        return result.Status == MqttSubscribeStatus.Completed
            ? new CliError(Failure.Rejected, $"the broker refused the subscription to {refused}: the thing's policy does not allow iot:Subscribe on it (or the certificate's thing is not {_prefix.Split('/')[2]})",
                "attach the NanoThing policy (nanothing register) and make sure the certificate is attached to this thing")
            : new CliError(Failure.ConnectFailed, "subscribing failed: " + result.Message, "check the connection and run the command again");
    }

    /// <summary>Publishes <paramref name="request"/> (a JSON object; a clientToken is added) to shadow/<paramref name="operation"/>
    /// and waits for the accepted/rejected reply with the same clientToken (or with none: a request the service could
    /// not parse is rejected without one). Subscribe to the reply topics first.</summary>
    public async Task<(ShadowReply? Reply, CliError? Error)> RequestAsync(string operation, string request)
    {
        string token = $"nanothing-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        var pending = new TaskCompletionSource<ShadowReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending = pending;
            _pendingToken = token;
        }

        var document = (JsonObject)JsonNode.Parse(request)!;
        document["clientToken"] = token;
        MqttPublishResult published = await _client.PublishAsync(_prefix + operation, Encoding.UTF8.GetBytes(document.ToJsonString()));
        if (!published.Succeeded)
        {
            return (null, new CliError(Failure.ConnectFailed, $"publishing to {_prefix}{operation} failed: {published.Message}",
                "the policy may not allow iot:Publish on that topic (AWS closes the connection then); run nanothing check"));
        }

        try
        {
            return (await pending.Task.WaitAsync(ReplyTimeout), null);
        }
        catch (TimeoutException)
        {
            return (null, new CliError(Failure.ConnectFailed, $"no reply on {_prefix}{operation}/accepted or /rejected within {ReplyTimeout.TotalSeconds:0} s",
                "the policy may not allow iot:Receive on the reply topics, or the shadow service is down (local: nanothing local status)"));
        }
    }

    private void OnMessage(MqttMessage message)
    {
        if (!message.Topic.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return;
        }

        string suffix = message.Topic[_prefix.Length..];
        string payload = Encoding.UTF8.GetString(message.Payload.Span);
        bool accepted = suffix.EndsWith("/accepted", StringComparison.Ordinal);
        if (!accepted && !suffix.EndsWith("/rejected", StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            if (_pending is not null && (TokenOf(payload) ?? _pendingToken) == _pendingToken)
            {
                _pending.TrySetResult(new ShadowReply(accepted, payload));
                _pending = null;
            }
        }
    }

    private static string? TokenOf(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("clientToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();
}
