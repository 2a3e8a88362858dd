namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// AWS IoT Device Shadow limits the service enforces (reference aws-iot.md §1.6, §1.8).
/// </summary>
/// <remarks>
/// Nesting depth. The sources disagree (5 levels inside desired/reported on the 2019 limits page, "maximum is
/// 6" in the current error text, 8 quoted by third parties). The rule here reconciles the first two: the
/// <c>desired</c> (or <c>reported</c>) object itself is level 1, and every object or array inside adds one,
/// with at most 6 levels in total, i.e. 5 levels of containers below <c>desired</c>/<c>reported</c>:
/// <c>{"desired":{"a":{"b":{"c":{"d":{"e":1}}}}}}</c> is accepted (6 levels); one more object is rejected.
/// </remarks>
public static class ShadowLimits
{
    /// <summary>Maximum size in UTF-8 bytes of the stored state: the compact JSON of <c>desired</c> plus that of <c>reported</c>
    /// of the document after the merge (metadata does not count).</summary>
    public const int MaxStateBytes = 8 * 1024;

    /// <summary>Maximum container depth of desired/reported (see remarks).</summary>
    public const int MaxDepth = 6;

    /// <summary>Maximum length of a clientToken in UTF-8 bytes.</summary>
    public const int MaxClientTokenBytes = 64;

    /// <summary>Largest request payload read at all (AWS's MQTT message limit, 128 KB); larger gets 413.</summary>
    public const int MaxRequestBytes = 128 * 1024;
}
