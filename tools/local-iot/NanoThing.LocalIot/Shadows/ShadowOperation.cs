namespace NanoThing.LocalIot.Shadows;

/// <summary>The three requests a client publishes to a shadow (the topic's last segment).</summary>
public enum ShadowOperation
{
    /// <summary><c>.../get</c>: read the whole document.</summary>
    Get,

    /// <summary><c>.../update</c>: merge desired/reported state.</summary>
    Update,

    /// <summary><c>.../delete</c>: delete the document (the version counter survives).</summary>
    Delete,
}
