using NanoThing.Cli.Commands.Register;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>
/// The iot-data operations <c>nanothing shadow</c> uses, against the local stand-in's data plane or AWS's. Each call
/// blocks until answered and returns the outcome as a value: success with the JSON document, or AWS's error code
/// (e.g. ResourceNotFoundException; <see cref="Unreachable"/> when no answer came) and message. Never throws for an
/// answer of the service.
/// </summary>
public interface IShadowDataPlane : IDisposable
{
    /// <summary>The error code of a call that got no answer (connection refused, TLS failure, timeout).</summary>
    public const string Unreachable = "Unreachable";

    /// <summary>Where the calls go, for messages: e.g. "the local stand-in's data plane https://127.0.0.1:8443".</summary>
    string Description { get; }

    /// <summary>True in a dry run: calls are printed, not made, and answer success with no document.</summary>
    bool DryRun { get; }

    /// <summary>GetThingShadow: the whole document.</summary>
    AwsReply Get(string thing, string? shadow);

    /// <summary>UpdateThingShadow with <paramref name="document"/> (a request state document): the accepted document.</summary>
    AwsReply Update(string thing, string? shadow, string document);

    /// <summary>DeleteThingShadow: <c>{"version":N,"timestamp":…}</c>.</summary>
    AwsReply Delete(string thing, string? shadow);

    /// <summary>ListNamedShadowsForThing, one page: <c>{"results":[…],"nextToken":…}</c>.</summary>
    AwsReply List(string thing, string? nextToken);
}
