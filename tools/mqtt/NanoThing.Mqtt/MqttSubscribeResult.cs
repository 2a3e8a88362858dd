using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt;

/// <summary>Outcome of <see cref="MqttClient.SubscribeAsync(IReadOnlyList{MqttSubscription}, CancellationToken)"/> (also used for unsubscribe).</summary>
public enum MqttSubscribeStatus
{
    /// <summary>SUBACK (or UNSUBACK) received; for SUBACK, see each <see cref="MqttSubscriptionOutcome"/>.</summary>
    Completed,
    /// <summary>The client was not connected.</summary>
    NotConnected,
    /// <summary>A topic filter is invalid (empty, misplaced wildcard, NUL, too long) or none was given.</summary>
    InvalidTopicFilter,
    /// <summary>No SUBACK within <see cref="MqttConnectOptions.OperationTimeout"/>.</summary>
    Timeout,
    /// <summary>The connection dropped before the SUBACK.</summary>
    ConnectionLost,
}

/// <summary>What the broker granted for one filter: <see cref="GrantedQos"/>, or refusal (SUBACK 0x80).</summary>
public sealed record MqttSubscriptionOutcome(string TopicFilter, MqttQos? GrantedQos)
{
    /// <summary>True when the broker answered 0x80 for this filter.</summary>
    public bool Refused => GrantedQos is null;
}

/// <summary>What a SUBSCRIBE achieved, per filter and as a whole, with a sentence for the user.</summary>
public sealed record MqttSubscribeResult(MqttSubscribeStatus Status, string Message, IReadOnlyList<MqttSubscriptionOutcome> Outcomes)
{
    /// <summary>True only when the SUBACK arrived and granted every filter.</summary>
    public bool AllGranted => Status == MqttSubscribeStatus.Completed && Outcomes.All(o => !o.Refused);
}
