namespace NanoThing.LocalIot.DataPlane;

/// <summary>The operations of service iot-data (2015-05-28) the stand-in serves, named as in the AWS API.</summary>
public enum IotDataOperation
{
    /// <summary><c>GET /things/{thingName}/shadow?name=</c>: the shadow document.</summary>
    GetThingShadow,

    /// <summary><c>POST /things/{thingName}/shadow?name=</c>: merge a request state document.</summary>
    UpdateThingShadow,

    /// <summary><c>DELETE /things/{thingName}/shadow?name=</c>: delete the document (its version survives).</summary>
    DeleteThingShadow,

    /// <summary><c>GET /api/things/shadow/ListNamedShadowsForThing/{thingName}?nextToken=&amp;pageSize=</c>.</summary>
    ListNamedShadowsForThing,

    /// <summary><c>POST /topics/{topic}?qos=&amp;retain=</c>: publish a message to the broker.</summary>
    Publish,
}
