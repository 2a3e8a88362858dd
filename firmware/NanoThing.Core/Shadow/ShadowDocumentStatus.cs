namespace NanoThing.Core.Shadow
{
    /// <summary>The outcome of writing a shadow request document (<see cref="ShadowRequestWriter"/>).</summary>
    public enum ShadowDocumentStatus
    {
        /// <summary>The document is complete and within the limits.</summary>
        Ok = 0,
        /// <summary>The document would exceed the writer's capacity (at most <see cref="ShadowLimits.MaxDocumentBytes"/>): report fewer keys.</summary>
        TooLarge = 1,
        /// <summary>The reported content nests deeper than <see cref="ShadowLimits.MaxNestingBelowReported"/>.</summary>
        TooDeep = 2,
        /// <summary>The reported content was not a sequence of complete members (a value without a name, an unclosed object, NaN...).</summary>
        InvalidContent = 3,
        /// <summary>The clientToken is null, empty, longer than <see cref="ShadowLimits.MaxClientTokenBytes"/> bytes or not printable ASCII.</summary>
        InvalidClientToken = 4,
    }
}
