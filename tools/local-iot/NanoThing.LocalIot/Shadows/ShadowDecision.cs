namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// What one request does, decided against the stored shadows before anything is written: the messages to
/// publish, the record to store first (null: nothing changes), and the answer if storing it fails.
/// </summary>
/// <param name="Responses">The messages to publish, in order, once <paramref name="Write"/> is stored.</param>
/// <param name="Write">The shadow's new record, or null for a request that changes nothing (get, rejection).</param>
/// <param name="IfWriteFails">The 500 rejection to publish instead when the write fails.</param>
internal sealed record ShadowDecision(IReadOnlyList<ShadowResponse> Responses, ShadowRecord? Write, IReadOnlyList<ShadowResponse> IfWriteFails);
