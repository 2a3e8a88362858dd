namespace NanoThing.LocalIot.Policies;

/// <summary>
/// One action on one resource, as AWS IoT checks it: e.g. <c>iot:Publish</c> on <c>IotArn.Topic("a/b")</c>,
/// <c>iot:Subscribe</c> on <c>IotArn.TopicFilter("a/+")</c> (one request per filter), <c>iot:Connect</c> on
/// <c>IotArn.Client(clientId)</c>, <c>iot:GetThingShadow</c> on <c>IotArn.Thing(thing)</c> or
/// <c>IotArn.Thing(thing, shadowName)</c>.
/// </summary>
/// <param name="Action">The action name, e.g. <see cref="IotActions.Publish"/>; compared case-insensitively as IAM does.</param>
/// <param name="Resource">The full resource ARN (build it with <see cref="IotArn"/>).</param>
public sealed record AuthorizationRequest(string Action, string Resource);
