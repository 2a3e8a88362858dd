namespace NanoThing.Core.Shadow
{
    /// <summary>The reserved Device Shadow topics (the same list for classic and named shadows).</summary>
    public enum ShadowTopicType
    {
        /// <summary>Not a shadow topic (the result of a failed match).</summary>
        None = 0,
        /// <summary>.../get: the device asks for the whole document.</summary>
        Get = 1,
        /// <summary>.../get/accepted: the document, with state.desired, state.reported and state.delta.</summary>
        GetAccepted = 2,
        /// <summary>.../get/rejected: {code, message, clientToken}.</summary>
        GetRejected = 3,
        /// <summary>.../update: the device sends state.reported.</summary>
        Update = 4,
        /// <summary>.../update/accepted: the update was applied (version, clientToken).</summary>
        UpdateAccepted = 5,
        /// <summary>.../update/rejected: {code, message, clientToken}.</summary>
        UpdateRejected = 6,
        /// <summary>.../update/delta: desired differs from reported (state holds the differing keys).</summary>
        UpdateDelta = 7,
        /// <summary>.../update/documents: previous and current documents after each accepted update.</summary>
        UpdateDocuments = 8,
        /// <summary>.../delete: the device deletes the shadow.</summary>
        Delete = 9,
        /// <summary>.../delete/accepted: the shadow was deleted.</summary>
        DeleteAccepted = 10,
        /// <summary>.../delete/rejected: {code, message, clientToken}.</summary>
        DeleteRejected = 11,
    }

    /// <summary>
    /// The outcome of building or matching a shadow topic (<see cref="ShadowTopics"/>), in parse order: the first
    /// problem found is reported.
    /// </summary>
    public enum ShadowTopicStatus
    {
        /// <summary>Built or matched.</summary>
        Ok = 0,
        /// <summary>A null topic, or a topic type that is not a shadow topic (None or out of range).</summary>
        BadParameter = 1,
        /// <summary>Longer than the 256-byte MQTT topic limit of AWS IoT, or more than 7 '/'.</summary>
        TopicTooLong = 2,
        /// <summary>The topic does not start with "$aws/things/".</summary>
        NotShadowTopic = 3,
        /// <summary>The thing name is empty, longer than 128 characters or has a character outside [a-zA-Z0-9:_-].</summary>
        InvalidThingName = 4,
        /// <summary>The thing name is not followed by "/shadow".</summary>
        NotShadowRoot = 5,
        /// <summary>The shadow name is empty, longer than 64 characters or has a character outside [$a-zA-Z0-9:_-].</summary>
        InvalidShadowName = 6,
        /// <summary>What follows the shadow root is not exactly one of the reserved operations/suffixes.</summary>
        UnknownMessageType = 7,
    }
}
