namespace NanoThing.LocalIot.Shadows;

/// <summary>One message the service must publish in reply to a request: which topic, which JSON text.</summary>
/// <param name="Kind">The response topic (relative to the shadow's topic prefix).</param>
/// <param name="Json">The payload: compact JSON, to be sent as UTF-8.</param>
public sealed record ShadowResponse(ShadowResponseKind Kind, string Json);
