using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace NanoThing.LocalIot.Broker.Sessions;

/// <summary><c>retained.json</c>: the broker's retained messages (one per topic; AWS keeps them 3 years, reference
/// aws-iot.md §2.5) as JSON with base64 payloads, loaded at start through MQTTnet's <c>LoadingRetainedMessageAsync</c>.</summary>
public static class RetainedFile
{
    /// <summary>The file's name in the broker's folder.</summary>
    public const string FileName = "retained.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The retained messages as JSON bytes (UTF-8).</summary>
    public static byte[] Write(IEnumerable<MqttApplicationMessage> messages) => JsonSerializer.SerializeToUtf8Bytes(new FileContent(messages.Select(m => new RetainedEntry(
        m.Topic, Convert.ToBase64String(System.Buffers.BuffersExtensions.ToArray(m.Payload)), (int)m.QualityOfServiceLevel)).ToList()), Json);

    /// <summary>Reads messages written by <see cref="Write"/> (with their retain flag set). False with the reason when the
    /// bytes are not such a file (any input: never throws).</summary>
    public static bool TryRead(ReadOnlySpan<byte> content, out List<MqttApplicationMessage> messages, out string error)
    {
        messages = [];
        try
        {
            foreach (var entry in JsonSerializer.Deserialize<FileContent>(content, Json)?.Retained ?? [])
            {
                if (string.IsNullOrEmpty(entry.Topic) || entry.Payload is null || entry.Qos is < 0 or > 1)
                {
                    throw new JsonException("a retained message has no topic or payload, or a QoS other than 0 or 1");
                }

                messages.Add(new MqttApplicationMessageBuilder().WithTopic(entry.Topic).WithPayload(Convert.FromBase64String(entry.Payload))
                    .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)entry.Qos).WithRetainFlag().Build());
            }

            error = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or ArgumentException)
        {
            messages = [];
            error = e.Message;
            return false;
        }
    }

    private sealed record FileContent(List<RetainedEntry>? Retained);

    private sealed record RetainedEntry(string Topic, string Payload, int Qos);
}
