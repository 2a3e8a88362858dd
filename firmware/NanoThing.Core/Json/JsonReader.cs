namespace NanoThing.Core.Json
{
    /// <summary>
    /// A bounded, validating, allocation-free JSON reader over a caller-owned byte range (the coreJSON idea).
    /// <see cref="Parse"/> checks the whole input once against strict RFC 8259 (no trailing commas, no comments,
    /// valid escapes and surrogate pairs, no leading zeros, well-formed UTF-8) and the limits given to the
    /// constructor; invalid input is a <see cref="JsonStatus"/> plus <see cref="ErrorOffset"/>, never an exception.
    /// After <see cref="JsonStatus.Ok"/>, values are addressed by handles: an int that is the index in the buffer of a
    /// value's first byte (-1 = absent). <see cref="Root"/> is the top value; navigate with
    /// <see cref="FindMember"/>, <see cref="FindPath"/>, <see cref="FirstMember"/>/<see cref="NextMember"/>,
    /// <see cref="FirstElement"/>/<see cref="NextElement"/>, and read with the TryGet methods. Handles stay valid
    /// while the buffer is unchanged and until the next <see cref="Parse"/>. Navigation on a reader whose last
    /// Parse failed returns -1 / false. One instance can be reused for every message (it allocates only in
    /// its constructor and in <see cref="TryGetString"/>). Not thread-safe.
    /// </summary>
    /// <example>
    /// <code>
    /// if (reader.Parse(payload, offset, length) == JsonStatus.Ok)
    /// {
    ///     int led = reader.FindPath(reader.Root, "state.led");
    ///     bool on;
    ///     if (reader.TryGetBool(led, out on)) { ... }
    /// }
    /// </code>
    /// </example>
    public sealed partial class JsonReader
    {
        /// <summary>Default maximum nesting of objects and arrays (a shadow document with metadata stays well below).</summary>
        public const int DefaultMaxDepth = 16;

        /// <summary>Default maximum input length in bytes, for a reader not given one (the shadow client's reader is given the device's largest incoming message, <see cref="Runtime.MemoryBudget.LargestIncomingBytes"/>).</summary>
        public const int DefaultMaxLength = 32768;

        /// <summary>Longest number token accepted, in characters; longer ones are <see cref="JsonStatus.NumberTooLong"/>.</summary>
        public const int MaxNumberLength = 32;

        // Literals as static fields: in nanoCLR every ldstr creates a new string, a static field does not.
        private static readonly string TrueText = "true";
        private static readonly string FalseText = "false";
        private static readonly string NullText = "null";

        private readonly bool[] _containerIsObject;
        private readonly byte[] _pair = new byte[Utf8.PairScratchBytes];
        private readonly int _maxLength;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private int _root = -1;
        private JsonStatus _status = JsonStatus.Empty;
        private int _errorOffset;

        /// <summary>A reader with <see cref="DefaultMaxDepth"/> and <see cref="DefaultMaxLength"/>.</summary>
        public JsonReader() : this(DefaultMaxDepth, DefaultMaxLength)
        {
        }

        /// <summary>A reader accepting at most <paramref name="maxDepth"/> nested containers (at least 1) and <paramref name="maxLength"/> bytes.</summary>
        public JsonReader(int maxDepth, int maxLength)
        {
            _containerIsObject = new bool[maxDepth < 1 ? 1 : maxDepth];
            _maxLength = maxLength < 0 ? 0 : maxLength;
        }

        /// <summary>The result of the last <see cref="Parse"/>.</summary>
        public JsonStatus Status => _status;

        /// <summary>Where the last <see cref="Parse"/> failed, as an index relative to its offset; 0 when it succeeded.</summary>
        public int ErrorOffset => _errorOffset;

        /// <summary>The handle of the top-level value, or -1 when the last <see cref="Parse"/> failed.</summary>
        public int Root => _root;

        /// <summary>The buffer of the last <see cref="Parse"/>; handles index into it.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>
        /// Validates <paramref name="length"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/> as one
        /// JSON value surrounded by optional whitespace. Keeps a reference to the buffer (no copy).
        /// </summary>
        public JsonStatus Parse(byte[] buffer, int offset, int length)
        {
            _root = -1;
            _buffer = buffer;
            _start = offset;
            _errorOffset = 0;
            if (buffer == null || offset < 0 || length < 0 || offset > buffer.Length || length > buffer.Length - offset)
            {
                _buffer = null;
                _start = 0;
                _end = 0;
                _status = JsonStatus.InvalidArguments;
                return _status;
            }

            _end = offset + length;
            if (length > _maxLength)
            {
                return Fail(JsonStatus.TooLong, offset + _maxLength);
            }

            int pos = SkipWhitespace(offset);
            if (pos == _end)
            {
                return Fail(JsonStatus.Empty, pos);
            }

            int root = pos;
            _status = Validate(pos);
            if (_status == JsonStatus.Ok)
            {
                _root = root;
            }

            return _status;
        }

        private JsonStatus Validate(int pos)
        {
            int depth = 0;
            while (true)
            {
                // A value starts at pos (whitespace already skipped).
                if (pos >= _end)
                {
                    return Fail(JsonStatus.UnexpectedEnd, pos);
                }

                byte c = _buffer[pos];
                bool valueDone = true;
                if (c == (byte)'{' || c == (byte)'[')
                {
                    if (depth == _containerIsObject.Length)
                    {
                        return Fail(JsonStatus.TooDeep, pos);
                    }

                    bool isObject = c == (byte)'{';
                    _containerIsObject[depth++] = isObject;
                    pos = SkipWhitespace(pos + 1);
                    if (pos < _end && _buffer[pos] == (isObject ? (byte)'}' : (byte)']'))
                    {
                        depth--;
                        pos++;
                    }
                    else
                    {
                        valueDone = false;
                        if (isObject)
                        {
                            pos = ScanMemberName(pos);
                            if (pos < 0)
                            {
                                return _status;
                            }
                        }
                    }
                }
                else
                {
                    pos = ScanScalar(pos);
                    if (pos < 0)
                    {
                        return _status;
                    }
                }

                if (!valueDone)
                {
                    continue;
                }

                // After a complete value: close containers, or find the next value.
                while (true)
                {
                    pos = SkipWhitespace(pos);
                    if (depth == 0)
                    {
                        return pos == _end ? JsonStatus.Ok : Fail(JsonStatus.TrailingContent, pos);
                    }

                    if (pos >= _end)
                    {
                        return Fail(JsonStatus.UnexpectedEnd, pos);
                    }

                    c = _buffer[pos];
                    bool inObject = _containerIsObject[depth - 1];
                    if (c == (byte)',')
                    {
                        pos = SkipWhitespace(pos + 1);
                        if (inObject)
                        {
                            pos = ScanMemberName(pos);
                            if (pos < 0)
                            {
                                return _status;
                            }
                        }

                        break;
                    }

                    if (c == (inObject ? (byte)'}' : (byte)']'))
                    {
                        depth--;
                        pos++;
                        continue;
                    }

                    return Fail(JsonStatus.UnexpectedCharacter, pos);
                }
            }
        }

        // Scans `"name" :` and the whitespace after it; returns the position of the value or -1.
        private int ScanMemberName(int pos)
        {
            if (pos >= _end)
            {
                Fail(JsonStatus.UnexpectedEnd, pos);
                return -1;
            }

            if (_buffer[pos] != (byte)'"')
            {
                Fail(JsonStatus.UnexpectedCharacter, pos);
                return -1;
            }

            pos = ScanString(pos);
            if (pos < 0)
            {
                return -1;
            }

            pos = SkipWhitespace(pos);
            if (pos >= _end)
            {
                Fail(JsonStatus.UnexpectedEnd, pos);
                return -1;
            }

            if (_buffer[pos] != (byte)':')
            {
                Fail(JsonStatus.UnexpectedCharacter, pos);
                return -1;
            }

            return SkipWhitespace(pos + 1);
        }

        private int ScanScalar(int pos)
        {
            byte c = _buffer[pos];
            if (c == (byte)'"')
            {
                return ScanString(pos);
            }

            if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9'))
            {
                return ScanNumber(pos);
            }

            if (c == (byte)'t')
            {
                return ScanLiteral(pos, TrueText);
            }

            if (c == (byte)'f')
            {
                return ScanLiteral(pos, FalseText);
            }

            if (c == (byte)'n')
            {
                return ScanLiteral(pos, NullText);
            }

            Fail(JsonStatus.UnexpectedCharacter, pos);
            return -1;
        }

        private int ScanLiteral(int pos, string literal)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                if (pos + i >= _end)
                {
                    Fail(JsonStatus.UnexpectedEnd, pos + i);
                    return -1;
                }

                if (_buffer[pos + i] != (byte)literal[i])
                {
                    Fail(JsonStatus.InvalidLiteral, pos);
                    return -1;
                }
            }

            pos += literal.Length;
            if (pos < _end && IsLetterOrDigit(_buffer[pos]))
            {
                Fail(JsonStatus.InvalidLiteral, pos);
                return -1;
            }

            return pos;
        }

        private int ScanNumber(int start)
        {
            int pos = start;
            if (_buffer[pos] == (byte)'-')
            {
                pos++;
            }

            if (pos >= _end)
            {
                Fail(JsonStatus.UnexpectedEnd, pos);
                return -1;
            }

            if (_buffer[pos] == (byte)'0')
            {
                pos++;
                if (pos < _end && IsDigit(_buffer[pos]))
                {
                    Fail(JsonStatus.InvalidNumber, pos);
                    return -1;
                }
            }
            else if (IsDigit(_buffer[pos]))
            {
                pos = SkipDigits(pos);
            }
            else
            {
                Fail(JsonStatus.InvalidNumber, pos);
                return -1;
            }

            if (pos < _end && _buffer[pos] == (byte)'.')
            {
                pos = ScanRequiredDigits(pos + 1);
                if (pos < 0)
                {
                    return -1;
                }
            }

            if (pos < _end && (_buffer[pos] == (byte)'e' || _buffer[pos] == (byte)'E'))
            {
                pos++;
                if (pos < _end && (_buffer[pos] == (byte)'+' || _buffer[pos] == (byte)'-'))
                {
                    pos++;
                }

                pos = ScanRequiredDigits(pos);
                if (pos < 0)
                {
                    return -1;
                }
            }

            if (pos - start > MaxNumberLength)
            {
                Fail(JsonStatus.NumberTooLong, start);
                return -1;
            }

            if (pos < _end && (IsLetterOrDigit(_buffer[pos]) || _buffer[pos] == (byte)'.' || _buffer[pos] == (byte)'+' || _buffer[pos] == (byte)'-'))
            {
                Fail(JsonStatus.InvalidNumber, pos);
                return -1;
            }

            return pos;
        }

        private int ScanRequiredDigits(int pos)
        {
            if (pos >= _end)
            {
                Fail(JsonStatus.UnexpectedEnd, pos);
                return -1;
            }

            if (!IsDigit(_buffer[pos]))
            {
                Fail(JsonStatus.InvalidNumber, pos);
                return -1;
            }

            return SkipDigits(pos);
        }

        private int SkipDigits(int pos)
        {
            while (pos < _end && IsDigit(_buffer[pos]))
            {
                pos++;
            }

            return pos;
        }

        // Validates a string starting at its opening quote; returns the position after the closing quote or -1.
        private int ScanString(int pos)
        {
            pos++;
            while (true)
            {
                if (pos >= _end)
                {
                    Fail(JsonStatus.UnexpectedEnd, pos);
                    return -1;
                }

                byte c = _buffer[pos];
                if (c == (byte)'"')
                {
                    return pos + 1;
                }

                if (c == (byte)'\\')
                {
                    pos = ScanEscape(pos);
                    if (pos < 0)
                    {
                        return -1;
                    }
                }
                else if (c < 0x20)
                {
                    Fail(JsonStatus.ControlCharacterInString, pos);
                    return -1;
                }
                else if (c < 0x80)
                {
                    pos++;
                }
                else
                {
                    int n = Utf8.SequenceLength(_buffer, pos, _end);
                    if (n == 0)
                    {
                        Fail(JsonStatus.InvalidUtf8, pos);
                        return -1;
                    }

                    pos += n;
                }
            }
        }

        // Validates the escape at pos (a backslash); returns the position after it or -1.
        private int ScanEscape(int pos)
        {
            if (pos + 1 >= _end)
            {
                Fail(JsonStatus.UnexpectedEnd, pos + 1);
                return -1;
            }

            byte e = _buffer[pos + 1];
            if (e == (byte)'"' || e == (byte)'\\' || e == (byte)'/' || e == (byte)'b' || e == (byte)'f'
                || e == (byte)'n' || e == (byte)'r' || e == (byte)'t')
            {
                return pos + 2;
            }

            if (e != (byte)'u')
            {
                Fail(JsonStatus.InvalidEscape, pos);
                return -1;
            }

            int unit = ReadHex4(pos + 2);
            if (unit < 0)
            {
                return -1;
            }

            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                Fail(JsonStatus.InvalidEscape, pos);
                return -1;
            }

            if (unit < 0xD800 || unit > 0xDBFF)
            {
                return pos + 6;
            }

            // A high surrogate must be followed by an escaped low surrogate.
            int next = pos + 6;
            if ((next < _end && _buffer[next] != (byte)'\\') || (next + 1 < _end && _buffer[next + 1] != (byte)'u'))
            {
                Fail(JsonStatus.InvalidEscape, pos);
                return -1;
            }

            if (next + 1 >= _end)
            {
                Fail(JsonStatus.UnexpectedEnd, _end);
                return -1;
            }

            int low = ReadHex4(next + 2);
            if (low < 0)
            {
                return -1;
            }

            if (low < 0xDC00 || low > 0xDFFF)
            {
                Fail(JsonStatus.InvalidEscape, next);
                return -1;
            }

            return next + 6;
        }

        private int ReadHex4(int pos)
        {
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                if (pos + i >= _end)
                {
                    Fail(JsonStatus.UnexpectedEnd, pos + i);
                    return -1;
                }

                int digit = HexValue(_buffer[pos + i]);
                if (digit < 0)
                {
                    Fail(JsonStatus.InvalidEscape, pos + i);
                    return -1;
                }

                value = (value << 4) | digit;
            }

            return value;
        }

        private JsonStatus Fail(JsonStatus status, int absolutePosition)
        {
            _status = status;
            _root = -1;
            _errorOffset = absolutePosition - _start;
            return status;
        }

        private int SkipWhitespace(int pos)
        {
            while (pos < _end)
            {
                byte c = _buffer[pos];
                if (c != (byte)' ' && c != (byte)'\t' && c != (byte)'\n' && c != (byte)'\r')
                {
                    break;
                }

                pos++;
            }

            return pos;
        }

        private static bool IsDigit(byte c)
        {
            return c >= (byte)'0' && c <= (byte)'9';
        }

        private static bool IsLetterOrDigit(byte c)
        {
            return IsDigit(c) || (c >= (byte)'a' && c <= (byte)'z') || (c >= (byte)'A' && c <= (byte)'Z') || c == (byte)'_';
        }

        private static int HexValue(byte c)
        {
            if (c >= (byte)'0' && c <= (byte)'9')
            {
                return c - '0';
            }

            if (c >= (byte)'a' && c <= (byte)'f')
            {
                return c - 'a' + 10;
            }

            if (c >= (byte)'A' && c <= (byte)'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
