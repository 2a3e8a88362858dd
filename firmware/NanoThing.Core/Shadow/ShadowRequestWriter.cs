using NanoThing.Core.Json;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// Writes the request documents a device publishes, into one buffer it owns and reuses (no allocation after
    /// construction):
    /// update <c>{"state":{"reported":{...}},"clientToken":"...","version":N}</c> (version only when given) and
    /// get/delete <c>{"clientToken":"..."}</c>. Enforces <see cref="ShadowLimits"/>: document size, nesting below
    /// reported, clientToken length. After Ok, the document is <see cref="Buffer"/>[0, <see cref="Length"/>) and stays
    /// there until the next write. Not thread-safe.
    /// </summary>
    public sealed class ShadowRequestWriter
    {
        private readonly byte[] _buffer;
        private readonly JsonWriter _writer;
        private int _length;

        /// <summary>A writer with a buffer of <paramref name="capacity"/> bytes, clamped to 64..<see cref="ShadowLimits.MaxDocumentBytes"/>.</summary>
        public ShadowRequestWriter(int capacity)
        {
            if (capacity > ShadowLimits.MaxDocumentBytes)
            {
                capacity = ShadowLimits.MaxDocumentBytes;
            }

            if (capacity < 64)
            {
                capacity = 64;
            }

            _buffer = new byte[capacity];
            _writer = new JsonWriter(_buffer, 0, capacity, ShadowLimits.MaxRequestDepth);
        }

        /// <summary>The buffer holding the last document written.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>The length of the last document written successfully; 0 after a failure.</summary>
        public int Length => _length;

        /// <summary>The largest document this writer can hold.</summary>
        public int Capacity => _buffer.Length;

        /// <summary>
        /// Writes an update request whose state.reported members come from <paramref name="content"/> (null: an empty
        /// reported object). <paramref name="version"/> below 0 omits the version (no optimistic locking).
        /// </summary>
        public ShadowDocumentStatus WriteUpdate(IReportedStateWriter content, string clientToken, long version)
        {
            _length = 0;
            if (!IsValidClientToken(clientToken))
            {
                return ShadowDocumentStatus.InvalidClientToken;
            }

            _writer.Reset();
            _writer.BeginObject();
            _writer.Name("state");
            _writer.BeginObject();
            _writer.Name("reported");
            _writer.BeginObject();
            if (content != null)
            {
                content.WriteReported(_writer);
            }

            if (_writer.Status == JsonWriteStatus.Ok && _writer.Depth != 3)
            {
                return ShadowDocumentStatus.InvalidContent;
            }

            _writer.EndObject();
            _writer.EndObject();
            _writer.Property("clientToken", clientToken);
            if (version >= 0)
            {
                _writer.Property("version", version);
            }

            _writer.EndObject();
            return Finish();
        }

        /// <summary>Writes the body of a get or delete request: <c>{"clientToken":"..."}</c>.</summary>
        public ShadowDocumentStatus WriteClientTokenOnly(string clientToken)
        {
            _length = 0;
            if (!IsValidClientToken(clientToken))
            {
                return ShadowDocumentStatus.InvalidClientToken;
            }

            _writer.Reset();
            _writer.BeginObject();
            _writer.Property("clientToken", clientToken);
            _writer.EndObject();
            return Finish();
        }

        /// <summary>True for 1..64 characters of printable ASCII without '"' or '\' (what AWS echoes back verbatim).</summary>
        public static bool IsValidClientToken(string clientToken)
        {
            if (clientToken == null || clientToken.Length == 0 || clientToken.Length > ShadowLimits.MaxClientTokenBytes)
            {
                return false;
            }

            for (int i = 0; i < clientToken.Length; i++)
            {
                char c = clientToken[i];
                if (c < 0x21 || c > 0x7E || c == '"' || c == '\\')
                {
                    return false;
                }
            }

            return true;
        }

        private ShadowDocumentStatus Finish()
        {
            JsonWriteStatus status = _writer.Status;
            if (status == JsonWriteStatus.Ok && _writer.IsComplete)
            {
                _length = _writer.Length;
                return ShadowDocumentStatus.Ok;
            }

            if (status == JsonWriteStatus.BufferFull)
            {
                return ShadowDocumentStatus.TooLarge;
            }

            if (status == JsonWriteStatus.TooDeep)
            {
                return ShadowDocumentStatus.TooDeep;
            }

            return ShadowDocumentStatus.InvalidContent;
        }
    }
}
