namespace NanoThing.Core.Json
{
    /// <summary>
    /// The state of a <see cref="JsonWriter"/>. The first failure sticks: later calls write nothing, and the
    /// buffer must not be sent.
    /// </summary>
    public enum JsonWriteStatus
    {
        /// <summary>Everything written so far is valid JSON.</summary>
        Ok = 0,
        /// <summary>The next token did not fit in the caller's buffer (the document is too big for it).</summary>
        BufferFull = 1,
        /// <summary>An object or array would be nested deeper than the writer's maximum depth.</summary>
        TooDeep = 2,
        /// <summary>A call out of order: a value without a name inside an object, a name outside an object, an end that does not match, a second top-level value.</summary>
        InvalidStructure = 3,
        /// <summary>A double that is NaN or infinite, beyond the fixed-point range, or a decimals count outside 0..9.</summary>
        InvalidNumber = 4,
    }
}
