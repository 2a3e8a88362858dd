using NanoThing.Core.Json;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// Writes the request documents a device publishes, into one buffer it owns and reuses (no allocation after
    /// construction):
    /// update <c>{"state":{"reported":{...}},"clientToken":"...","version":N}</c> (version only when given) and
    /// get/delete <c>{"clientToken":"..."}</c>. Enforces <see cref="ShadowLimits"/>: document size, nesting below
    /// reported, clientToken length. The clientToken is given as ASCII bytes (e.g. written by
    /// <see cref="ClientTokenSource.Next"/> into a reused buffer), so a request builds no string. After Ok, the
    /// document is <see cref="Buffer"/>[0, <see cref="Length"/>) and stays there until the next write. Not thread-safe.
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
        /// reported object), with the clientToken in <paramref name="tokenLength"/> bytes of <paramref name="clientToken"/>
        /// from <paramref name="tokenOffset"/>. <paramref name="version"/> below 0 omits the version (no optimistic locking).
        /// </summary>
        public ShadowDocumentStatus WriteUpdate(IReportedStateWriter content, byte[] clientToken, int tokenOffset, int tokenLength, long version)
        {
            _length = 0;
            if (!IsValidClientToken(clientToken, tokenOffset, tokenLength))
            {
                return ShadowDocumentStatus.InvalidClientToken;
            }

            _writer.Reset();
            _writer.BeginObject();
            _writer.Name(ShadowDocumentNames.State);
            _writer.BeginObject();
            _writer.Name(ShadowDocumentNames.Reported);
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
            _writer.Name(ShadowDocumentNames.ClientToken);
            _writer.String(clientToken, tokenOffset, tokenLength);
            if (version >= 0)
            {
                _writer.Property(ShadowDocumentNames.Version, version);
            }

            _writer.EndObject();
            return Finish();
        }

        /// <summary>Writes the body of a get or delete request: <c>{"clientToken":"..."}</c> (token bytes as in <see cref="WriteUpdate"/>).</summary>
        public ShadowDocumentStatus WriteClientTokenOnly(byte[] clientToken, int tokenOffset, int tokenLength)
        {
            _length = 0;
            if (!IsValidClientToken(clientToken, tokenOffset, tokenLength))
            {
                return ShadowDocumentStatus.InvalidClientToken;
            }

            _writer.Reset();
            _writer.BeginObject();
            _writer.Name(ShadowDocumentNames.ClientToken);
            _writer.String(clientToken, tokenOffset, tokenLength);
            _writer.EndObject();
            return Finish();
        }

        /// <summary>
        /// True for 1..64 bytes of printable ASCII without '"' or '\' (what AWS echoes back verbatim) at
        /// <paramref name="offset"/> in <paramref name="clientToken"/>; false for a null buffer or a range outside it.
        /// </summary>
        public static bool IsValidClientToken(byte[] clientToken, int offset, int length)
        {
            if (clientToken == null || offset < 0 || length <= 0 || length > ShadowLimits.MaxClientTokenBytes || length > clientToken.Length - offset)
            {
                return false;
            }

            for (int i = offset; i < offset + length; i++)
            {
                int c = clientToken[i];
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
