namespace NanoThing.LocalIot.Broker;

/// <summary>Outcome of starting (or restarting) mosquitto: the running broker, or null and a sentence saying what failed and what to do.</summary>
public sealed record BrokerStartResult(MosquittoBroker? Broker, string Message)
{
    /// <summary>True when the broker runs and accepts connections.</summary>
    public bool Started => Broker is not null;
}
