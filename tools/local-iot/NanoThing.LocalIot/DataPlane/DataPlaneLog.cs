using System.Globalization;
using System.Net;
using NanoThing.LocalIot.Log;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// The data plane's log lines. A refusal is a <see cref="RefusalLine"/> with <c>protocol</c> "HTTP" and no client id,
/// the shape of the broker's MQTT refusal lines, so both read alike in <c>nanothing local log</c>. Never receives a secret.
/// </summary>
public sealed class DataPlaneLog(Action<string> sink, TimeProvider time)
{
    /// <summary>A plain information line.</summary>
    public void Info(string line) => sink(Timestamp() + " " + line);

    /// <summary>One refused request: the operation (AWS's event type), the resource, who, from where, AWS's reason code
    /// (e.g. AUTHORIZATION_FAILURE) and what decided.</summary>
    public void Refusal(string traceId, string eventType, string? topicOrResource, string? principalId, IPEndPoint? source, string reason, string details) =>
        sink(Timestamp() + " " + RefusalLine.Format(time.GetUtcNow(), "HTTP", traceId, eventType, topicOrResource, null, principalId,
            source?.Address.ToString(), source?.Port, reason, details));

    private string Timestamp() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
