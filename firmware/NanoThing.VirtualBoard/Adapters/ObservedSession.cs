using System.Text;
using NanoThing.Core.Seams;

namespace NanoThing.VirtualBoard.Adapters;

/// <summary>
/// An <see cref="IMqttSession"/> that passes every call to another one unchanged and tells watchers what went over
/// the wire: each publish the agent handed over (<see cref="Published"/>) and each message it received
/// (<see cref="Received"/>), as topic and UTF-8 text. For `nanothing board` output and for tests; adds no behaviour.
/// </summary>
public sealed class ObservedSession(IMqttSession inner) : IMqttSession, IMqttDelivery, IMqttListener
{
    private volatile IMqttListener? _listener;

    /// <summary>A publish the inner session accepted (topic, payload text). Raised on the agent's thread.</summary>
    public event Action<string, string>? Published;

    /// <summary>A message that arrived (topic, payload text). Raised on the session's thread, before the agent sees it.</summary>
    public event Action<string, string>? Received;

    public bool IsConnected => inner.IsConnected;

    public MqttConnectResult Connect(string clientId, int keepAliveSeconds) => inner.Connect(clientId, keepAliveSeconds);

    public bool Subscribe(string[] topics, int qos) => inner.Subscribe(topics, qos);

    public bool Publish(string topic, byte[] payload, int offset, int length, int qos)
    {
        bool handed = inner.Publish(topic, payload, offset, length, qos);
        if (handed) Published?.Invoke(topic, Encoding.UTF8.GetString(payload, offset, length));
        return handed;
    }

    /// <summary>Passes to the inner session's <see cref="IMqttDelivery"/> (0, not handed over, when it has none).</summary>
    public int PublishQos1(string topic, byte[] payload, int offset, int length)
    {
        int id = inner is IMqttDelivery delivery ? delivery.PublishQos1(topic, payload, offset, length) : 0;
        if (id != 0) Published?.Invoke(topic, Encoding.UTF8.GetString(payload, offset, length));
        return id;
    }

    public bool IsAcknowledged(int messageId) => inner is IMqttDelivery delivery && delivery.IsAcknowledged(messageId);

    public void Disconnect() => inner.Disconnect();

    public void SetListener(IMqttListener? listener)
    {
        _listener = listener;
        inner.SetListener(listener == null ? null : this);
    }

    void IMqttListener.OnMessage(string topic, byte[] payload, int offset, int length)
    {
        Received?.Invoke(topic, Encoding.UTF8.GetString(payload, offset, length));
        _listener?.OnMessage(topic, payload, offset, length);
    }

    void IMqttListener.OnConnectionLost() => _listener?.OnConnectionLost();
}
