namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// Why a shadow request failed: the service's answer, or what the device found itself. AWS's numeric code travels
    /// beside it as data (only with <see cref="Rejected"/>, 0 otherwise); the device's own outcomes have no code.
    /// </summary>
    public enum ShadowFailure
    {
        /// <summary>The service answered on */rejected: its code (aws-iot.md 1.7: 400, 401, 403, 404, 409, 413, 429, 500...) and message say why.</summary>
        Rejected = 1,
        /// <summary>No reply carrying the request's clientToken within <see cref="ShadowClientOptions.RequestTimeoutMs"/>.</summary>
        TimedOut = 2,
        /// <summary>The session did not take the PUBLISH (link down or its queue full).</summary>
        PublishFailed = 3,
        /// <summary>The update document could not be written (content too deep or not complete members); never sent.</summary>
        DocumentInvalid = 4,
        /// <summary>The update document exceeds the document buffer or 8 KB; never sent.</summary>
        DocumentTooLarge = 5,
    }
}
