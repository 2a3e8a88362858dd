using NanoThing.Core.Json;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// Reads a message received on a shadow reply topic (aws-iot.md 1.3, 1.7) and exposes its fields as values and
    /// <see cref="JsonReader"/> handles into the payload:
    /// <list type="bullet">
    /// <item>update/accepted, delete/accepted: <see cref="Version"/>, clientToken;</item>
    /// <item>*/rejected: <see cref="Code"/> (required), <see cref="Message"/>, clientToken;</item>
    /// <item>update/delta: <see cref="State"/> (the delta keys, required), <see cref="Version"/>, clientToken;</item>
    /// <item>get/accepted: <see cref="State"/> (an object when present), <see cref="Desired"/>, <see cref="Reported"/>, <see cref="Delta"/>, <see cref="Version"/>.</item>
    /// </list>
    /// Absent optional fields are -1 (handles, version, code) or null (message). Handles and the payload bytes are
    /// valid only until the next <see cref="Read"/> and while the payload buffer is unchanged. Allocates only the
    /// message string of a rejected reply. Never throws. Not thread-safe.
    /// </summary>
    public sealed class ShadowResponse
    {
        private readonly JsonReader _reader;
        private int _clientToken = -1;

        /// <summary>A response reader accepting payloads of up to <paramref name="maxLength"/> bytes.</summary>
        public ShadowResponse(int maxLength)
        {
            _reader = new JsonReader(JsonReader.DefaultMaxDepth, maxLength);
            Clear();
        }

        /// <summary>The reader over the last payload, for walking <see cref="State"/> and friends.</summary>
        public JsonReader Reader => _reader;

        /// <summary>The topic kind of the last read.</summary>
        public ShadowTopicType Type { get; private set; }

        /// <summary>The JSON status of the last read (Ok unless <see cref="ShadowResponseStatus.InvalidJson"/>).</summary>
        public JsonStatus JsonStatus => _reader.Status;

        /// <summary>The shadow version, or -1 when absent or not an integer.</summary>
        public long Version { get; private set; }

        /// <summary>The error code of a rejected reply (e.g. 400, 404, 409, 413, 429, 500), or -1.</summary>
        public int Code { get; private set; }

        /// <summary>The error message of a rejected reply, or null.</summary>
        public string Message { get; private set; }

        /// <summary>The state object: delta keys on update/delta, {desired, reported, delta} on get/accepted; -1 otherwise.</summary>
        public int State { get; private set; }

        /// <summary>get/accepted state.desired, or -1.</summary>
        public int Desired { get; private set; }

        /// <summary>get/accepted state.reported, or -1.</summary>
        public int Reported { get; private set; }

        /// <summary>get/accepted state.delta, or -1 (absent when desired and reported agree).</summary>
        public int Delta { get; private set; }

        /// <summary>True when the message carries a clientToken.</summary>
        public bool HasClientToken => _clientToken >= 0;

        /// <summary>True when the message's clientToken equals <paramref name="token"/> exactly (no allocation).</summary>
        public bool ClientTokenEquals(string token)
        {
            return _clientToken >= 0 && _reader.NameEquals(_clientToken, token);
        }

        /// <summary>
        /// True when the message's clientToken equals the text in <paramref name="length"/> bytes of
        /// <paramref name="token"/> from <paramref name="offset"/> exactly (no allocation); false for an empty token.
        /// </summary>
        public bool ClientTokenEquals(byte[] token, int offset, int length)
        {
            return _clientToken >= 0 && length > 0 && _reader.NameEquals(_clientToken, token, offset, length);
        }

        /// <summary>Reads <paramref name="length"/> bytes of <paramref name="payload"/> received on a <paramref name="type"/> topic.</summary>
        public ShadowResponseStatus Read(ShadowTopicType type, byte[] payload, int offset, int length)
        {
            Clear();
            Type = type;
            if (type == ShadowTopicType.None || type == ShadowTopicType.UpdateDocuments || ShadowTopics.IsRequest(type))
            {
                return ShadowResponseStatus.UnsupportedTopic;
            }

            if (_reader.Parse(payload, offset, length) != JsonStatus.Ok)
            {
                return ShadowResponseStatus.InvalidJson;
            }

            int root = _reader.Root;
            if (_reader.TypeOf(root) != JsonType.Object)
            {
                return ShadowResponseStatus.NotAnObject;
            }

            long version;
            Version = _reader.TryGetLong(_reader.FindMember(root, ShadowDocumentNames.Version), out version) ? version : -1;
            int token = _reader.FindMember(root, ShadowDocumentNames.ClientToken);
            _clientToken = _reader.TypeOf(token) == JsonType.String ? token : -1;

            if (type == ShadowTopicType.GetRejected || type == ShadowTopicType.UpdateRejected || type == ShadowTopicType.DeleteRejected)
            {
                return ReadRejected(root);
            }

            if (type == ShadowTopicType.UpdateDelta || type == ShadowTopicType.GetAccepted)
            {
                // A delta is its state. A shadow whose sections were all deleted may come back without a state at
                // all, so get/accepted tolerates its absence (but not a state that is not an object).
                int state = _reader.FindMember(root, ShadowDocumentNames.State);
                JsonType stateType = _reader.TypeOf(state);
                if (type == ShadowTopicType.GetAccepted && stateType == JsonType.None)
                {
                    return ShadowResponseStatus.Ok;
                }

                if (stateType != JsonType.Object)
                {
                    return ShadowResponseStatus.MissingField;
                }

                State = state;
                if (type == ShadowTopicType.GetAccepted)
                {
                    Desired = ObjectMember(state, ShadowDocumentNames.Desired);
                    Reported = ObjectMember(state, ShadowDocumentNames.Reported);
                    Delta = ObjectMember(state, ShadowDocumentNames.Delta);
                }
            }

            return ShadowResponseStatus.Ok;
        }

        private ShadowResponseStatus ReadRejected(int root)
        {
            int code;
            if (!_reader.TryGetInt(_reader.FindMember(root, ShadowDocumentNames.Code), out code))
            {
                return ShadowResponseStatus.MissingField;
            }

            Code = code;
            string message;
            if (_reader.TryGetString(_reader.FindMember(root, ShadowDocumentNames.Message), out message))
            {
                Message = message;
            }

            return ShadowResponseStatus.Ok;
        }

        private int ObjectMember(int obj, string name)
        {
            int value = _reader.FindMember(obj, name);
            return _reader.TypeOf(value) == JsonType.Object ? value : -1;
        }

        private void Clear()
        {
            Type = ShadowTopicType.None;
            Version = -1;
            Code = -1;
            Message = null;
            State = -1;
            Desired = -1;
            Reported = -1;
            Delta = -1;
            _clientToken = -1;
        }
    }
}
