namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Identifies one Device Shadow: a thing name plus a shadow name. The classic (unnamed) shadow has the
/// empty shadow name. Values are validated by <see cref="ShadowNames"/> before one is built from a topic.
/// </summary>
public readonly record struct ShadowId(string ThingName, string ShadowName)
{
    /// <summary>The classic (unnamed) shadow of <paramref name="thingName"/>.</summary>
    public static ShadowId Classic(string thingName) => new(thingName, "");

    /// <summary>The named shadow <paramref name="shadowName"/> of <paramref name="thingName"/>.</summary>
    public static ShadowId Named(string thingName, string shadowName) => new(thingName, shadowName);

    /// <summary>True for the classic (unnamed) shadow.</summary>
    public bool IsClassic => ShadowName.Length == 0;

    /// <summary>
    /// The name AWS prints in "No shadow exists with name: '...'": the thing name for the classic shadow,
    /// the shadow name for a named one (AWS's own named-shadow tutorial shows the shadow name).
    /// </summary>
    public string NameForMessages => IsClassic ? ThingName : ShadowName;

    /// <summary>"thing" or "thing~shadow" (the notation AWS uses for named shadows).</summary>
    public override string ToString() => IsClassic ? ThingName : ThingName + "~" + ShadowName;
}
