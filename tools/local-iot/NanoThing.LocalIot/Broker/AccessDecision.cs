namespace NanoThing.LocalIot.Broker;

/// <summary>The answer to one authorization question.</summary>
/// <param name="Allowed">True when the action may proceed.</param>
/// <param name="Explanation">Which statement of which policy decided, or why nothing allowed it (for the log).</param>
public readonly record struct AccessDecision(bool Allowed, string Explanation);
