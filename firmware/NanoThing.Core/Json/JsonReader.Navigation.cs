namespace NanoThing.Core.Json
{
    /// <summary>Navigation over a successfully parsed document by value handles (see <see cref="JsonReader"/>).</summary>
    public sealed partial class JsonReader
    {
        /// <summary>The kind of the value at <paramref name="value"/>; <see cref="JsonType.None"/> for -1 or an invalid handle.</summary>
        public JsonType TypeOf(int value)
        {
            if (!IsHandle(value))
            {
                return JsonType.None;
            }

            byte c = _buffer[value];
            if (c == (byte)'{')
            {
                return JsonType.Object;
            }

            if (c == (byte)'[')
            {
                return JsonType.Array;
            }

            if (c == (byte)'"')
            {
                return JsonType.String;
            }

            if (c == (byte)'t' || c == (byte)'f')
            {
                return JsonType.Boolean;
            }

            if (c == (byte)'n')
            {
                return JsonType.Null;
            }

            return JsonType.Number;
        }

        /// <summary>The index just after the value at <paramref name="value"/> (its bytes are [value, ValueEnd)); -1 for an invalid handle.</summary>
        public int ValueEnd(int value)
        {
            return IsHandle(value) ? SkipValue(value) : -1;
        }

        /// <summary>The byte length of the value's text (e.g. to copy a whole object); 0 for an invalid handle.</summary>
        public int ValueLength(int value)
        {
            return IsHandle(value) ? SkipValue(value) - value : 0;
        }

        /// <summary>The first member of the object at <paramref name="obj"/> (a member handle = its name's string handle), or -1 when empty or not an object.</summary>
        public int FirstMember(int obj)
        {
            if (TypeOf(obj) != JsonType.Object)
            {
                return -1;
            }

            int pos = SkipWhitespace(obj + 1);
            return pos >= _end || _buffer[pos] == (byte)'}' ? -1 : pos;
        }

        /// <summary>The member after <paramref name="member"/>, or -1 after the last one.</summary>
        public int NextMember(int member)
        {
            int value = MemberValue(member);
            if (value < 0)
            {
                return -1;
            }

            int pos = SkipWhitespace(SkipValue(value));
            return pos < _end && _buffer[pos] == (byte)',' ? SkipWhitespace(pos + 1) : -1;
        }

        /// <summary>The value handle of <paramref name="member"/>, or -1 for an invalid member handle.</summary>
        public int MemberValue(int member)
        {
            if (TypeOf(member) != JsonType.String)
            {
                return -1;
            }

            int pos = SkipWhitespace(SkipValue(member));
            if (pos >= _end || _buffer[pos] != (byte)':')
            {
                return -1;
            }

            return SkipWhitespace(pos + 1);
        }

        /// <summary>The first element of the array at <paramref name="array"/>, or -1 when empty or not an array.</summary>
        public int FirstElement(int array)
        {
            if (TypeOf(array) != JsonType.Array)
            {
                return -1;
            }

            int pos = SkipWhitespace(array + 1);
            return pos >= _end || _buffer[pos] == (byte)']' ? -1 : pos;
        }

        /// <summary>The element after <paramref name="element"/>, or -1 after the last one.</summary>
        public int NextElement(int element)
        {
            if (!IsHandle(element))
            {
                return -1;
            }

            int pos = SkipWhitespace(SkipValue(element));
            return pos < _end && _buffer[pos] == (byte)',' ? SkipWhitespace(pos + 1) : -1;
        }

        /// <summary>The number of members of an object or elements of an array; 0 for any other value.</summary>
        public int Count(int container)
        {
            int n = 0;
            JsonType type = TypeOf(container);
            if (type == JsonType.Object)
            {
                for (int m = FirstMember(container); m >= 0; m = NextMember(m))
                {
                    n++;
                }
            }
            else if (type == JsonType.Array)
            {
                for (int e = FirstElement(container); e >= 0; e = NextElement(e))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>
        /// The value of the member called <paramref name="name"/> (compared after unescaping, exactly, no allocation)
        /// in the object at <paramref name="obj"/>, or -1. With duplicate names the last one wins, as in most parsers.
        /// </summary>
        public int FindMember(int obj, string name)
        {
            return name == null ? -1 : FindMemberSegment(obj, name, 0, name.Length);
        }

        /// <summary>
        /// Follows a dot-separated member path from <paramref name="value"/>: FindPath(root, "state.reported") is
        /// root["state"]["reported"]. An empty path returns <paramref name="value"/>. -1 when any step is missing.
        /// Names containing '.' cannot be reached this way (use <see cref="FindMember"/>).
        /// </summary>
        public int FindPath(int value, string path)
        {
            if (path == null || !IsHandle(value))
            {
                return -1;
            }

            int start = 0;
            while (start < path.Length)
            {
                int stop = start;
                while (stop < path.Length && path[stop] != '.')
                {
                    stop++;
                }

                value = FindMemberSegment(value, path, start, stop - start);
                if (value < 0)
                {
                    return -1;
                }

                start = stop + 1;
            }

            return value;
        }

        /// <summary>True when the member (or string value) at <paramref name="stringValue"/> equals <paramref name="text"/> after unescaping.</summary>
        public bool NameEquals(int stringValue, string text)
        {
            return text != null && TypeOf(stringValue) == JsonType.String && StringEquals(stringValue, text, 0, text.Length);
        }

        /// <summary>
        /// True when the member (or string value) at <paramref name="stringValue"/> equals, after unescaping, the UTF-8
        /// text in <paramref name="length"/> bytes of <paramref name="utf8"/> from <paramref name="offset"/> (no
        /// allocation). False for a null buffer, a range outside it, or bytes that are not well-formed UTF-8.
        /// </summary>
        public bool NameEquals(int stringValue, byte[] utf8, int offset, int length)
        {
            if (utf8 == null || offset < 0 || length < 0 || length > utf8.Length - offset || TypeOf(stringValue) != JsonType.String)
            {
                return false;
            }

            int pos = stringValue + 1;
            int i = offset;
            int stop = offset + length;
            while (true)
            {
                int cp = ReadCodePoint(ref pos);
                if (cp < 0 || i >= stop)
                {
                    return cp < 0 && i == stop;
                }

                int expected = utf8[i];
                int n = expected < 0x80 ? 1 : Utf8.SequenceLength(utf8, i, stop);
                if (n == 0)
                {
                    return false;
                }

                if (n > 1)
                {
                    expected = Utf8.Decode(utf8, i, n);
                }

                if (cp != expected)
                {
                    return false;
                }

                i += n;
            }
        }

        private int FindMemberSegment(int obj, string path, int start, int length)
        {
            int found = -1;
            for (int m = FirstMember(obj); m >= 0; m = NextMember(m))
            {
                if (StringEquals(m, path, start, length))
                {
                    found = MemberValue(m);
                }
            }

            return found;
        }

        // Compares code points, not chars: see Utf8.CodePointAt for why the char indexer alone is wrong on the device.
        private bool StringEquals(int stringValue, string text, int start, int length)
        {
            int pos = stringValue + 1;
            int i = start;
            int stop = start + length;
            while (true)
            {
                int cp = ReadCodePoint(ref pos);
                if (cp < 0 || i >= stop)
                {
                    return cp < 0 && i == stop;
                }

                int units;
                if (Utf8.CodePointAt(text, i, _pair, out units) != cp || i + units > stop)
                {
                    return false;
                }

                i += units;
            }
        }

        // Reads one code point of validated string content at pos and advances; -1 at the closing quote.
        private int ReadCodePoint(ref int pos)
        {
            if (pos >= _end)
            {
                return -1;
            }

            byte c = _buffer[pos];
            if (c == (byte)'"')
            {
                return -1;
            }

            if (c < 0x80)
            {
                if (c != (byte)'\\')
                {
                    pos++;
                    return c;
                }

                if (pos + 1 >= _end)
                {
                    return -1;
                }

                byte e = _buffer[pos + 1];
                pos += 2;
                switch (e)
                {
                    case (byte)'b': return 0x08;
                    case (byte)'f': return 0x0C;
                    case (byte)'n': return 0x0A;
                    case (byte)'r': return 0x0D;
                    case (byte)'t': return 0x09;
                    case (byte)'u': break;
                    default: return e;
                }

                if (pos + 4 > _end)
                {
                    return -1;
                }

                int unit = ReadHex4Validated(pos);
                pos += 4;
                if (unit >= 0xD800 && unit <= 0xDBFF && pos + 6 <= _end)
                {
                    int low = ReadHex4Validated(pos + 2);
                    pos += 6;
                    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                }

                return unit;
            }

            int length = Utf8.SequenceLength(_buffer, pos, _end);
            if (length == 0)
            {
                pos++;
                return 0xFFFD;
            }

            int cp = Utf8.Decode(_buffer, pos, length);
            pos += length;
            return cp;
        }

        private int ReadHex4Validated(int pos)
        {
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int digit = HexValue(_buffer[pos + i]);
                value = (value << 4) | (digit < 0 ? 0 : digit);
            }

            return value;
        }

        // Skips the validated value at pos; returns the index after it.
        private int SkipValue(int pos)
        {
            byte c = _buffer[pos];
            if (c == (byte)'"')
            {
                return SkipString(pos);
            }

            if (c != (byte)'{' && c != (byte)'[')
            {
                while (pos < _end && IsScalarByte(_buffer[pos]))
                {
                    pos++;
                }

                return pos;
            }

            int depth = 0;
            while (pos < _end)
            {
                c = _buffer[pos];
                if (c == (byte)'"')
                {
                    pos = SkipString(pos);
                    continue;
                }

                if (c == (byte)'{' || c == (byte)'[')
                {
                    depth++;
                }
                else if (c == (byte)'}' || c == (byte)']')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return pos + 1;
                    }
                }

                pos++;
            }

            return _end;
        }

        private int SkipString(int pos)
        {
            pos++;
            while (pos < _end && _buffer[pos] != (byte)'"')
            {
                pos += _buffer[pos] == (byte)'\\' ? 2 : 1;
            }

            return pos < _end ? pos + 1 : _end;
        }

        private static bool IsScalarByte(byte c)
        {
            return IsLetterOrDigit(c) || c == (byte)'-' || c == (byte)'+' || c == (byte)'.';
        }

        // A handle is valid only inside a successfully parsed document. Every position the reader hands out points
        // at a value's first byte, so this is a cheap range check plus the parse status; every scan is also bounded
        // by _end, so a made-up handle gives a meaningless answer, never an exception.
        private bool IsHandle(int value)
        {
            return _status == JsonStatus.Ok && value >= _start && value < _end;
        }
    }
}
