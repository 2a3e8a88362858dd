namespace NanoThing.LocalIot.Policies;

/// <summary>The AWS IoT policy actions the stand-in checks (iot-policy-actions.html), spelled as in policies.</summary>
public static class IotActions
{
    /// <summary>Connect as a client id; resource <see cref="IotArn.Client"/>.</summary>
    public const string Connect = "iot:Connect";
    /// <summary>Publish to a topic; resource <see cref="IotArn.Topic"/>.</summary>
    public const string Publish = "iot:Publish";
    /// <summary>Publish with the RETAIN flag (needs <see cref="Publish"/> as well); resource <see cref="IotArn.Topic"/>.</summary>
    public const string RetainPublish = "iot:RetainPublish";
    /// <summary>Subscribe to a filter; resource <see cref="IotArn.TopicFilter"/>.</summary>
    public const string Subscribe = "iot:Subscribe";
    /// <summary>Receive a message, checked at every delivery; resource <see cref="IotArn.Topic"/>.</summary>
    public const string Receive = "iot:Receive";
    /// <summary>Read a shadow over HTTPS; resource <see cref="IotArn.Thing(string)"/>.</summary>
    public const string GetThingShadow = "iot:GetThingShadow";
    /// <summary>Update a shadow over HTTPS; resource <see cref="IotArn.Thing(string)"/>.</summary>
    public const string UpdateThingShadow = "iot:UpdateThingShadow";
    /// <summary>Delete a shadow over HTTPS; resource <see cref="IotArn.Thing(string)"/>.</summary>
    public const string DeleteThingShadow = "iot:DeleteThingShadow";
    /// <summary>List a thing's named shadows over HTTPS; resource <see cref="IotArn.Thing(string)"/>.</summary>
    public const string ListNamedShadowsForThing = "iot:ListNamedShadowsForThing";
}
