namespace NanoThing.Surface.Tests;

/// <summary>
/// Where Core's steady state starts and where it ends, for <see cref="SteadyStatePath"/>. The steady state is what a
/// connected board does all day: the agent's loop and each step (the session bridge's inbox, supervision of a live link, button, measurement,
/// the reporter's decision, shadow client poll), the report cycle (clientToken, update document into the reused buffer, the
/// agent's reported content, publish) and every incoming message (copied into the inbox on the session's thread,
/// then read: update/accepted, update/delta and get/accepted, the desired state applied), and telemetry (a record per
/// sample, a message per batch, its PUBACK).
/// </summary>
public static class CoreSteadyState
{
    /// <summary>The entry points, as "Type.Method(Parameters)".</summary>
    public static readonly string[] EntryPoints =
    {
        "NanoThing.Core.Agent.AgentLoop.Run()",
        "NanoThing.Core.Agent.ThingAgent.Step()",
        "NanoThing.Core.Agent.SessionBridge.OnMessage(System.String,System.Byte[],System.Int32,System.Int32)",
        "NanoThing.Core.Agent.SessionBridge.OnEdge(System.Boolean)",
        "NanoThing.Core.Agent.SessionBridge.Process(System.Int64)",
        "NanoThing.Core.Agent.ShadowReporter.Poll(System.Int64,System.Boolean)",
        "NanoThing.Core.Agent.ShadowReporter.NextReportMs(System.Int64)",
        "NanoThing.Core.Agent.ShadowReporter.WriteReported(NanoThing.Core.Json.JsonWriter)",
        "NanoThing.Core.Agent.ShadowReporter.OnUpdateAccepted()",
        "NanoThing.Core.Agent.DesiredStateHandler.OnGetAccepted(NanoThing.Core.Json.JsonReader,System.Int32,System.Int32,System.Int32)",
        "NanoThing.Core.Agent.DesiredStateHandler.OnDelta(NanoThing.Core.Json.JsonReader,System.Int32)",
        "NanoThing.Core.Agent.SensorSampler.Poll(System.Int64)",
        "NanoThing.Core.Io.Button.OnEdge(System.Boolean)",
        "NanoThing.Core.Io.Button.Poll(System.Int64)",
        "NanoThing.Core.Shadow.ShadowClient.Poll()",
        "NanoThing.Core.Shadow.ShadowClient.OnMessage(System.String,System.Byte[],System.Int32,System.Int32)",
        "NanoThing.Core.Shadow.ShadowRequestWriter.WriteUpdate(NanoThing.Core.Shadow.IReportedStateWriter,System.Byte[],System.Int32,System.Int32,System.Int64)",
        "NanoThing.Core.Shadow.ShadowResponse.Read(NanoThing.Core.Shadow.ShadowTopicType,System.Byte[],System.Int32,System.Int32)",
        "NanoThing.Core.Telemetry.TelemetryFeature.Sample(NanoThing.Core.Sensors.Bme280Reading,System.Int64)",
        "NanoThing.Core.Telemetry.TelemetryFeature.Step(System.Int64,System.Boolean,System.Boolean)",
    };

    /// <summary>Methods the walk does not enter, each with the reason it is off the steady state.</summary>
    public static readonly IReadOnlyDictionary<string, string> ColdMethods = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NanoThing.Core.Agent.ConnectionSupervisor.Connect(System.Int64)"] = "a connect attempt: once per link (its outcome is logged)",
        ["NanoThing.Core.Agent.ConnectionSupervisor.Lose(System.Int64)"] = "a lost link (logged)",
        ["NanoThing.Core.Agent.ConnectionSupervisor.Abandon(System.String)"] = "the broker refused the shadow subscriptions",
        ["NanoThing.Core.Agent.ThingAgent.OnLinkUp()"] = "once per accepted connect: subscribe and GET",
        ["NanoThing.Core.Agent.SessionBridge.LogForeignTopic(System.String)"] = "a message on a topic that is not a shadow reply (logged at debug level)",
        ["NanoThing.Core.Agent.SessionBridge.DropOversize(System.Int32)"] = "a message larger than the inbox was dropped (logged)",
        ["NanoThing.Core.Agent.SessionBridge.DropOverflow(System.Int32)"] = "the inbox was full (logged, then a GET)",
        ["NanoThing.Core.Agent.SensorSampler.LogFault(NanoThing.Core.Sensors.SensorStatus)"] = "a sensor fault (logged once per measurement while it lasts)",
        ["NanoThing.Core.Agent.DesiredStateHandler.LogRestored(System.Int32)"] = "once per boot: the desired state taken from the first get/accepted",
        ["NanoThing.Core.Agent.DesiredStateHandler.LogApplied(System.Int32)"] = "the one log line of a desired change (a person's action, not the periodic cycle); applying it allocates nothing",
        ["NanoThing.Core.Agent.ShadowReporter.OnUpdateRejected(NanoThing.Core.Shadow.ShadowFailure,System.Int32,System.String)"] = "a report refused or failed after the client's retries (logged)",
        ["NanoThing.Core.Desired.DesiredState.NoteReportedErrors(NanoThing.Core.Json.JsonReader,System.Int32)"] = "a get/accepted (after a connect or dropped messages): keeps the texts of the errors the shadow reports",
        ["NanoThing.Core.Desired.DesiredState.AddUnknown(NanoThing.Core.Json.JsonReader,System.Int32)"] = "a delta with an unknown key: its name is kept (bounded by MaxUnknownKeys) to be reported in errors",
        ["NanoThing.Core.Shadow.ShadowClient.OnConnected()"] = "once per accepted connect: subscribe and GET",
        ["NanoThing.Core.Shadow.ShadowClient.OnGetRejected()"] = "a rejected GET (logged)",
        ["NanoThing.Core.Shadow.ShadowClient.OnUpdateRejected()"] = "a rejected update (logged, retried or reported)",
        ["NanoThing.Core.Shadow.ShadowClient.TimeOut(System.Int64)"] = "a request without reply (logged, retried)",
        ["NanoThing.Core.Shadow.ShadowClient.PublishFailed(NanoThing.Core.Shadow.ShadowRequestKind,System.String,System.Int64)"] = "a failed publish (logged, retried)",
        ["NanoThing.Core.Shadow.ShadowClient.DocumentNotSent(NanoThing.Core.Shadow.ShadowDocumentStatus)"] = "the reported content did not fit or was malformed (logged, reported)",
        ["NanoThing.Core.Shadow.ShadowClient.IgnoreMalformed(System.String,NanoThing.Core.Shadow.ShadowResponseStatus)"] = "a malformed reply (logged)",
        ["NanoThing.Core.Shadow.ShadowClient.NoteGetLostToLink()"] = "the link dropped while the shadow was being read (logged when GETs are suspended)",
        ["NanoThing.Core.Shadow.ShadowClient.IgnoreStaleDelta(System.Int64)"] = "a delta older than the newest version seen (logged)",
        ["NanoThing.Core.Shadow.ShadowResponse.ReadRejected(System.Int32)"] = "a rejected reply: its message text is kept for the log and the listener",
        ["NanoThing.Core.Telemetry.TelemetryFeature.LogDropped()"] = "the telemetry buffer on flash overflowed during an outage (logged)",
        ["NanoThing.Core.Telemetry.TelemetryFeature.CountLostLink(System.Int64)"] = "the link was lost right after a telemetry message (counted; logged when publishing pauses)",
    };
}
