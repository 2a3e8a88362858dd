namespace NanoThing.Core.Json
{
    /// <summary>
    /// The outcome of <see cref="JsonReader.Parse"/>. Anything but <see cref="Ok"/> means the input is not strict
    /// RFC 8259 JSON within the reader's limits; <see cref="JsonReader.ErrorOffset"/> says where.
    /// </summary>
    public enum JsonStatus
    {
        /// <summary>The input is one valid JSON value within the limits.</summary>
        Ok = 0,
        /// <summary>The buffer, offset or length do not describe a range inside the buffer.</summary>
        InvalidArguments = 1,
        /// <summary>The input is empty or only whitespace.</summary>
        Empty = 2,
        /// <summary>The input ended inside a value (truncated document).</summary>
        UnexpectedEnd = 3,
        /// <summary>A byte that cannot start or continue the value here (includes trailing commas and comments).</summary>
        UnexpectedCharacter = 4,
        /// <summary>A bare word that is not true, false or null.</summary>
        InvalidLiteral = 5,
        /// <summary>A number that breaks the grammar (leading zero, lone minus, missing digits after '.' or 'e').</summary>
        InvalidNumber = 6,
        /// <summary>A number token longer than <see cref="JsonReader.MaxNumberLength"/> characters.</summary>
        NumberTooLong = 7,
        /// <summary>An unknown escape, a bad \u sequence or an unpaired UTF-16 surrogate escape.</summary>
        InvalidEscape = 8,
        /// <summary>A byte sequence inside a string that is not well-formed UTF-8 (RFC 3629).</summary>
        InvalidUtf8 = 9,
        /// <summary>An unescaped control character (below 0x20) inside a string.</summary>
        ControlCharacterInString = 10,
        /// <summary>Objects and arrays nested deeper than the reader's maximum depth.</summary>
        TooDeep = 11,
        /// <summary>The input is longer than the reader's maximum length.</summary>
        TooLong = 12,
        /// <summary>Something other than whitespace follows the value.</summary>
        TrailingContent = 13,
    }

    /// <summary>The kind of a JSON value, read from its first byte.</summary>
    public enum JsonType
    {
        /// <summary>Not a value (an invalid handle).</summary>
        None = 0,
        /// <summary>{ ... }</summary>
        Object = 1,
        /// <summary>[ ... ]</summary>
        Array = 2,
        /// <summary>"..."</summary>
        String = 3,
        /// <summary>An integer or decimal number.</summary>
        Number = 4,
        /// <summary>true or false.</summary>
        Boolean = 5,
        /// <summary>null</summary>
        Null = 6,
    }
}
