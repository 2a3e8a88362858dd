using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NanoThing.Core.Shadow;

namespace NanoThing.Bench.Cycle;

/// <summary>
/// Writing one update document and reading its update/accepted reply, three ways over the same
/// <see cref="ReportDocuments"/>: Core's ShadowRequestWriter + ShadowResponse (what the device runs), System.Text.Json's
/// Utf8JsonWriter (reused) + JsonDocument, and JsonSerializer with POCOs. Each <c>Cycle</c> does document i, then i+1.
/// Every contender checks the reply's version and clientToken, so none can skip the read.
/// </summary>
public sealed class DocumentContenders(ReportDocuments documents)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ShadowRequestWriter _request = new(4096);
    private readonly ShadowResponse _response = new(4096);
    private readonly ReportDocuments.CoreContent _content = new();
    private readonly byte[][] _tokenBytes = Array.ConvertAll(documents.Tokens, Encoding.ASCII.GetBytes);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer = new(new ArrayBufferWriter<byte>());
    private int _next;

    /// <summary>Bytes written by the last cycle (all contenders write the same document, up to number formatting).</summary>
    public int LastDocumentBytes { get; private set; }

    public void CoreCycle()
    {
        int i = Advance();
        _content.Current = documents.Values[i];
        if (_request.WriteUpdate(_content, _tokenBytes[i], 0, _tokenBytes[i].Length, -1) != ShadowDocumentStatus.Ok) throw new InvalidOperationException("Core refused the update document");
        LastDocumentBytes = _request.Length;
        byte[] reply = documents.Replies[i];
        if (_response.Read(ShadowTopicType.UpdateAccepted, reply, 0, reply.Length) != ShadowResponseStatus.Ok
            || _response.Version != i + 2 || !_response.ClientTokenEquals(_tokenBytes[i], 0, _tokenBytes[i].Length))
        {
            throw new InvalidOperationException("Core misread update/accepted");
        }
    }

    public void Utf8JsonCycle()
    {
        int i = Advance();
        ReportValues v = documents.Values[i];
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteStartObject("state");
        _writer.WriteStartObject("reported");
        _writer.WriteNumber("temperature", v.TemperatureCenti / 100.0);
        _writer.WriteNumber("humidity", v.HumidityCenti / 100.0);
        _writer.WriteNumber("pressure", v.PressureCenti / 100.0);
        _writer.WriteNumber("uptimeSeconds", v.UptimeSeconds);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.WriteString("clientToken", documents.Tokens[i]);
        _writer.WriteEndObject();
        _writer.Flush();
        LastDocumentBytes = _buffer.WrittenCount;
        using JsonDocument reply = JsonDocument.Parse(documents.Replies[i]);
        JsonElement root = reply.RootElement;
        if (root.GetProperty("version").GetInt64() != i + 2 || !root.GetProperty("clientToken").ValueEquals(documents.Tokens[i])
            || root.GetProperty("state").ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("JsonDocument misread update/accepted");
        }
    }

    public void SerializerCycle()
    {
        int i = Advance();
        ReportValues v = documents.Values[i];
        var request = new UpdateRequest(new RequestState(new Reported(v.TemperatureCenti / 100.0, v.HumidityCenti / 100.0, v.PressureCenti / 100.0, v.UptimeSeconds)), documents.Tokens[i]);
        byte[] written = JsonSerializer.SerializeToUtf8Bytes(request, Options);
        LastDocumentBytes = written.Length;
        UpdateAccepted? reply = JsonSerializer.Deserialize<UpdateAccepted>(documents.Replies[i], Options);
        if (reply is null || reply.Version != i + 2 || reply.ClientToken != documents.Tokens[i] || reply.State?.Reported is null)
        {
            throw new InvalidOperationException("JsonSerializer misread update/accepted");
        }
    }

    private int Advance()
    {
        int i = _next;
        _next = i + 1 == documents.Count ? 0 : i + 1;
        return i;
    }

    public sealed record Reported(double? Temperature, double? Humidity, double? Pressure, long? UptimeSeconds);

    public sealed record RequestState(Reported Reported);

    public sealed record UpdateRequest(RequestState State, string ClientToken);

    public sealed record AcceptedState(Reported? Reported);

    public sealed record UpdateAccepted(AcceptedState? State, long Version, long Timestamp, string? ClientToken);
}
