namespace NanoThing.LocalIot.Broker;

/// <summary>What a connected client asks the broker to do with a topic; each is one AWS IoT policy action.</summary>
public enum BrokerAction
{
    /// <summary><c>iot:Publish</c> on <c>topic/&lt;topic&gt;</c>.</summary>
    Publish,

    /// <summary><c>iot:RetainPublish</c> on <c>topic/&lt;topic&gt;</c> (a publish with the retain flag, in addition to Publish).</summary>
    RetainPublish,

    /// <summary><c>iot:Subscribe</c> on <c>topicfilter/&lt;filter&gt;</c>.</summary>
    Subscribe,

    /// <summary><c>iot:Receive</c> on <c>topic/&lt;topic&gt;</c>, checked for every message delivered.</summary>
    Receive,
}
