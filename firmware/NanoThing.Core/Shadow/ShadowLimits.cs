namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// AWS IoT Device Shadow service limits that the device enforces on what it sends (aws-iot.md 1.6, 1.8).
    /// </summary>
    public static class ShadowLimits
    {
        /// <summary>
        /// Largest request document the device sends, in bytes. AWS limits the desired+reported state of the stored
        /// shadow to 8 KB; bounding each whole request by it keeps every single request under that limit (the merged
        /// shadow can still exceed it: AWS then answers 413 and the owner must drop keys).
        /// </summary>
        public const int MaxDocumentBytes = 8192;

        /// <summary>
        /// Most objects/arrays the device nests below state.reported. Sources disagree on AWS's limit (the error text
        /// says 6 levels, the 2019 limits page 5, later quotas 8); 4 containers below reported (a leaf at most 5 keys
        /// deep) satisfies all of them.
        /// </summary>
        public const int MaxNestingBelowReported = 4;

        /// <summary>Longest clientToken AWS accepts, in bytes (longer: 400 "Invalid clientToken").</summary>
        public const int MaxClientTokenBytes = 64;

        /// <summary>Depth of a whole update request for a JsonWriter: root, state, reported, then the nesting below.</summary>
        public const int MaxRequestDepth = 3 + MaxNestingBelowReported;
    }
}
