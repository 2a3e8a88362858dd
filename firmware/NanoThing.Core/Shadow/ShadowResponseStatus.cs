namespace NanoThing.Core.Shadow
{
    /// <summary>The outcome of reading a message from a shadow reply topic (<see cref="ShadowResponse"/>).</summary>
    public enum ShadowResponseStatus
    {
        /// <summary>The document has what its topic requires.</summary>
        Ok = 0,
        /// <summary>The payload is not valid JSON within the reader's limits (see <see cref="ShadowResponse.JsonStatus"/>).</summary>
        InvalidJson = 1,
        /// <summary>The payload is valid JSON but not an object.</summary>
        NotAnObject = 2,
        /// <summary>A required member is missing or has the wrong type (rejected without an integer code, delta without a state object, get/accepted with a state that is not an object).</summary>
        MissingField = 3,
        /// <summary>The topic is not a reply the device reads (a request topic, documents, or None).</summary>
        UnsupportedTopic = 4,
    }
}
