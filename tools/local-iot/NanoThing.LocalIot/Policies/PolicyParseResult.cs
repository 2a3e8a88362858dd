namespace NanoThing.LocalIot.Policies;

/// <summary>
/// The outcome of <see cref="IotPolicy.Parse"/>: exactly one of <paramref name="Policy"/> and <paramref name="Error"/> is set.
/// </summary>
/// <param name="Policy">The parsed policy, or null when the document is not a valid AWS IoT policy.</param>
/// <param name="Error">Null on success; otherwise a sentence naming the policy, where the problem is (statement index and
/// field) and what to write instead.</param>
public sealed record PolicyParseResult(IotPolicy? Policy, string? Error)
{
    /// <summary>True when <see cref="Policy"/> is set.</summary>
    public bool Succeeded => Policy is not null;
}
