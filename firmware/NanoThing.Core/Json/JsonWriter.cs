using System;

namespace NanoThing.Core.Json
{
    /// <summary>
    /// Writes compact UTF-8 JSON into a caller-owned byte range, reused from message to message: no allocation
    /// after construction. Commas and colons are placed automatically. Failures (buffer full, too deep, calls out
    /// of order, unrepresentable numbers) are reported through <see cref="Status"/> and never thrown; the first
    /// one sticks until <see cref="Reset()"/>. Strings are escaped per RFC 8259 (quote, backslash, control
    /// characters; '/' and non-ASCII are written as is; an unpaired UTF-16 surrogate becomes U+FFFD).
    /// Doubles are written in fixed-point with a given number of decimals, never with an exponent.
    /// Not thread-safe.
    /// </summary>
    /// <example>
    /// <code>
    /// writer.Reset();
    /// writer.BeginObject();
    /// writer.Property("temperature", 21.5, 2);   // "temperature":21.50
    /// writer.EndObject();
    /// if (writer.IsComplete) session.Publish(topic, writer.Buffer, writer.Offset, writer.Length, 1);
    /// </code>
    /// </example>
    public sealed class JsonWriter
    {
        /// <summary>Default maximum nesting of objects and arrays.</summary>
        public const int DefaultMaxDepth = 16;

        /// <summary>Most decimals accepted by <see cref="Number(double,int)"/>.</summary>
        public const int MaxDecimals = 9;

        // Largest magnitude (after scaling by 10^decimals) written exactly: doubles are exact integers up to 2^53.
        private const double MaxScaled = 9007199254740992.0;

        // Literals as static fields: in nanoCLR every ldstr creates a new string, a static field does not.
        private static readonly string TrueText = "true";
        private static readonly string FalseText = "false";
        private static readonly string NullText = "null";
        private static readonly string UnicodeEscapeStart = "u00";

        private static readonly byte[] HexDigits = new byte[] { (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f' };

        private readonly bool[] _isObject;
        private readonly bool[] _hasItems;
        // Digits of a number, or the UTF-8 bytes of a surrogate pair (Utf8.CodePointAt): both fit in 20 bytes.
        private readonly byte[] _scratch = new byte[20];
        private byte[] _buffer;
        private int _offset;
        private int _capacity;
        private int _length;
        private int _depth;
        private bool _afterName;
        private bool _rootWritten;
        private JsonWriteStatus _status;

        /// <summary>A writer over the whole of <paramref name="buffer"/> with <see cref="DefaultMaxDepth"/>.</summary>
        public JsonWriter(byte[] buffer) : this(buffer, 0, buffer == null ? 0 : buffer.Length, DefaultMaxDepth)
        {
        }

        /// <summary>
        /// A writer over <paramref name="capacity"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>,
        /// nesting at most <paramref name="maxDepth"/> containers. A range outside the buffer gives a writer whose
        /// every write reports <see cref="JsonWriteStatus.BufferFull"/>.
        /// </summary>
        public JsonWriter(byte[] buffer, int offset, int capacity, int maxDepth)
        {
            int depth = maxDepth < 1 ? 1 : maxDepth;
            _isObject = new bool[depth];
            _hasItems = new bool[depth];
            Reset(buffer, offset, capacity);
        }

        /// <summary>Ok, or the first failure since the last reset.</summary>
        public JsonWriteStatus Status => _status;

        /// <summary>True when <see cref="Status"/> is Ok and exactly one complete top-level value was written.</summary>
        public bool IsComplete => _status == JsonWriteStatus.Ok && _depth == 0 && _rootWritten;

        /// <summary>The buffer written into (owned by the caller).</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Where the document starts in <see cref="Buffer"/>.</summary>
        public int Offset => _offset;

        /// <summary>Bytes written so far from <see cref="Offset"/>.</summary>
        public int Length => _length;

        /// <summary>The number of objects and arrays currently open.</summary>
        public int Depth => _depth;

        /// <summary>The bytes that may be written in total from <see cref="Offset"/>.</summary>
        public int Capacity => _capacity;

        /// <summary>Starts a new document in the same buffer range.</summary>
        public void Reset()
        {
            _length = 0;
            _depth = 0;
            _afterName = false;
            _rootWritten = false;
            _status = _buffer == null ? JsonWriteStatus.BufferFull : JsonWriteStatus.Ok;
        }

        /// <summary>Starts a new document in another buffer range (the writer keeps no copy).</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            bool valid = buffer != null && offset >= 0 && capacity >= 0 && offset <= buffer.Length && capacity <= buffer.Length - offset;
            _buffer = valid ? buffer : null;
            _offset = valid ? offset : 0;
            _capacity = valid ? capacity : 0;
            Reset();
        }

        /// <summary>Writes '{'.</summary>
        public void BeginObject()
        {
            Begin(true);
        }

        /// <summary>Writes '}' closing the innermost object.</summary>
        public void EndObject()
        {
            End(true);
        }

        /// <summary>Writes '['.</summary>
        public void BeginArray()
        {
            Begin(false);
        }

        /// <summary>Writes ']' closing the innermost array.</summary>
        public void EndArray()
        {
            End(false);
        }

        /// <summary>Writes a member name and ':' inside an object; the next call must write its value.</summary>
        public void Name(string name)
        {
            if (_status != JsonWriteStatus.Ok)
            {
                return;
            }

            if (name == null || _depth == 0 || !_isObject[_depth - 1] || _afterName)
            {
                _status = JsonWriteStatus.InvalidStructure;
                return;
            }

            if (_hasItems[_depth - 1])
            {
                Put((byte)',');
            }

            _hasItems[_depth - 1] = true;
            WriteQuoted(name);
            Put((byte)':');
            _afterName = true;
        }

        /// <summary>Writes a string value (null writes JSON null).</summary>
        public void String(string value)
        {
            if (value == null)
            {
                Null();
                return;
            }

            if (BeforeValue())
            {
                WriteQuoted(value);
            }
        }

        /// <summary>
        /// Writes the UTF-8 text in <paramref name="length"/> bytes of <paramref name="utf8"/> from
        /// <paramref name="offset"/> as a string value, escaped like <see cref="String(string)"/> (quote, backslash,
        /// control characters); other bytes are copied as they are, so the caller guarantees well-formed UTF-8.
        /// Lets a value kept in a reused buffer (e.g. a clientToken) be written without building a string.
        /// A null buffer or a range outside it gives <see cref="JsonWriteStatus.InvalidStructure"/>.
        /// </summary>
        public void String(byte[] utf8, int offset, int length)
        {
            if (_status != JsonWriteStatus.Ok)
            {
                return;
            }

            if (utf8 == null || offset < 0 || length < 0 || length > utf8.Length - offset)
            {
                _status = JsonWriteStatus.InvalidStructure;
                return;
            }

            if (!BeforeValue())
            {
                return;
            }

            Put((byte)'"');
            for (int i = offset; i < offset + length && _status == JsonWriteStatus.Ok; i++)
            {
                int b = utf8[i];
                if (b < 0x80)
                {
                    PutAsciiEscaped(b);
                }
                else
                {
                    Put((byte)b);
                }
            }

            Put((byte)'"');
        }

        /// <summary>Writes an integer.</summary>
        public void Number(long value)
        {
            if (BeforeValue())
            {
                WriteInteger(value);
            }
        }

        /// <summary>
        /// Writes <paramref name="value"/> rounded half away from zero to <paramref name="decimals"/> (0..9) decimals,
        /// in fixed-point (21.5 with 2 -> 21.50; -0.004 with 2 -> 0.00). NaN, infinities and magnitudes whose scaled
        /// value exceeds 2^53 give <see cref="JsonWriteStatus.InvalidNumber"/>.
        /// </summary>
        public void Number(double value, int decimals)
        {
            if (_status != JsonWriteStatus.Ok)
            {
                return;
            }

            if (decimals < 0 || decimals > MaxDecimals || double.IsNaN(value) || double.IsInfinity(value))
            {
                _status = JsonWriteStatus.InvalidNumber;
                return;
            }

            double scaled = Math.Abs(value) * Pow10(decimals);
            if (scaled >= MaxScaled)
            {
                _status = JsonWriteStatus.InvalidNumber;
                return;
            }

            long units = (long)Math.Floor(scaled + 0.5);
            if (!BeforeValue())
            {
                return;
            }

            if (value < 0 && units != 0)
            {
                Put((byte)'-');
            }

            long divisor = (long)Pow10(decimals);
            WriteInteger(units / divisor);
            if (decimals > 0)
            {
                Put((byte)'.');
                WriteFraction(units % divisor, decimals);
            }
        }

        /// <summary>Writes true or false.</summary>
        public void Bool(bool value)
        {
            if (BeforeValue())
            {
                PutAscii(value ? TrueText : FalseText);
            }
        }

        /// <summary>Writes null (in a shadow update: delete this key).</summary>
        public void Null()
        {
            if (BeforeValue())
            {
                PutAscii(NullText);
            }
        }

        /// <summary>
        /// Writes <paramref name="length"/> bytes copied as they are as one value. The caller guarantees they are
        /// exactly one valid JSON value (e.g. a value handle's bytes from a <see cref="JsonReader"/>). Nesting inside
        /// it is not counted against the maximum depth.
        /// </summary>
        public void RawValue(byte[] source, int offset, int length)
        {
            if (_status != JsonWriteStatus.Ok)
            {
                return;
            }

            if (source == null || offset < 0 || length <= 0 || length > source.Length - offset)
            {
                _status = JsonWriteStatus.InvalidStructure;
                return;
            }

            if (!BeforeValue())
            {
                return;
            }

            if (_length + length > _capacity)
            {
                _status = JsonWriteStatus.BufferFull;
                return;
            }

            Array.Copy(source, offset, _buffer, _offset + _length, length);
            _length += length;
        }

        /// <summary>Writes a member with a string value (null writes JSON null).</summary>
        public void Property(string name, string value)
        {
            Name(name);
            String(value);
        }

        /// <summary>Writes a member with an integer value.</summary>
        public void Property(string name, long value)
        {
            Name(name);
            Number(value);
        }

        /// <summary>Writes a member with a fixed-point value (see <see cref="Number(double,int)"/>).</summary>
        public void Property(string name, double value, int decimals)
        {
            Name(name);
            Number(value, decimals);
        }

        /// <summary>Writes a member with a boolean value.</summary>
        public void Property(string name, bool value)
        {
            Name(name);
            Bool(value);
        }

        /// <summary>Writes a member whose value is null (in a shadow update: delete this key).</summary>
        public void PropertyNull(string name)
        {
            Name(name);
            Null();
        }

        private void Begin(bool isObject)
        {
            if (!BeforeValue())
            {
                return;
            }

            if (_depth == _isObject.Length)
            {
                _status = JsonWriteStatus.TooDeep;
                return;
            }

            Put(isObject ? (byte)'{' : (byte)'[');
            _isObject[_depth] = isObject;
            _hasItems[_depth] = false;
            _depth++;
        }

        private void End(bool isObject)
        {
            if (_status != JsonWriteStatus.Ok)
            {
                return;
            }

            if (_depth == 0 || _isObject[_depth - 1] != isObject || _afterName)
            {
                _status = JsonWriteStatus.InvalidStructure;
                return;
            }

            _depth--;
            Put(isObject ? (byte)'}' : (byte)']');
        }

        // Checks that a value may come here and writes the comma before an array element.
        private bool BeforeValue()
        {
            if (_status != JsonWriteStatus.Ok)
            {
                return false;
            }

            if (_depth == 0)
            {
                if (_rootWritten)
                {
                    _status = JsonWriteStatus.InvalidStructure;
                    return false;
                }

                _rootWritten = true;
                return true;
            }

            if (_isObject[_depth - 1])
            {
                if (!_afterName)
                {
                    _status = JsonWriteStatus.InvalidStructure;
                    return false;
                }

                _afterName = false;
                return true;
            }

            if (_hasItems[_depth - 1])
            {
                Put((byte)',');
            }

            _hasItems[_depth - 1] = true;
            return _status == JsonWriteStatus.Ok;
        }

        // Walks code points, not chars: see Utf8.CodePointAt for why the char indexer alone is wrong on the device.
        private void WriteQuoted(string text)
        {
            Put((byte)'"');
            int i = 0;
            while (i < text.Length && _status == JsonWriteStatus.Ok)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    PutAsciiEscaped(c);
                    i++;
                    continue;
                }

                int units;
                c = Utf8.CodePointAt(text, i, _scratch, out units);
                i += units;
                int n = Utf8.Encode(c < 0 ? 0xFFFD : c, _buffer, _offset + _length, _capacity - _length);
                if (n == 0)
                {
                    _status = JsonWriteStatus.BufferFull;
                    return;
                }

                _length += n;
            }

            Put((byte)'"');
        }

        // One ASCII character inside a string: quote and backslash escaped, control characters as \n or \u00XX.
        private void PutAsciiEscaped(int c)
        {
            if (c == '"' || c == '\\')
            {
                Put((byte)'\\');
                Put((byte)c);
            }
            else if (c < 0x20)
            {
                WriteControl(c);
            }
            else
            {
                Put((byte)c);
            }
        }

        private void WriteControl(int c)
        {
            Put((byte)'\\');
            switch (c)
            {
                case 0x08: Put((byte)'b'); return;
                case 0x0C: Put((byte)'f'); return;
                case 0x0A: Put((byte)'n'); return;
                case 0x0D: Put((byte)'r'); return;
                case 0x09: Put((byte)'t'); return;
            }

            PutAscii(UnicodeEscapeStart);
            Put(HexDigits[c >> 4]);
            Put(HexDigits[c & 0xF]);
        }

        private void WriteInteger(long value)
        {
            if (value < 0)
            {
                Put((byte)'-');
            }

            // Collect digits from the least significant, working on the negative side so Int64.MinValue works.
            long rest = value < 0 ? value : -value;
            int count = 0;
            do
            {
                _scratch[count++] = (byte)('0' - (int)(rest % 10));
                rest /= 10;
            }
            while (rest != 0);

            while (count > 0)
            {
                Put(_scratch[--count]);
            }
        }

        private void WriteFraction(long fraction, int decimals)
        {
            for (int i = decimals - 1; i >= 0; i--)
            {
                _scratch[i] = (byte)('0' + (int)(fraction % 10));
                fraction /= 10;
            }

            for (int i = 0; i < decimals; i++)
            {
                Put(_scratch[i]);
            }
        }

        private void PutAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                Put((byte)text[i]);
            }
        }

        private void Put(byte b)
        {
            if (_status != JsonWriteStatus.Ok)
            {
                return;
            }

            if (_length >= _capacity)
            {
                _status = JsonWriteStatus.BufferFull;
                return;
            }

            _buffer[_offset + _length++] = b;
        }

        private static double Pow10(int n)
        {
            double result = 1;
            for (int i = 0; i < n; i++)
            {
                result *= 10;
            }

            return result;
        }
    }
}
