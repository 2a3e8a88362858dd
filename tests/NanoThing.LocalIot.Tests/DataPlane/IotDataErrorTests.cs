using NanoThing.LocalIot.DataPlane;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>The shadow engine's rejection codes as the iot-data error shapes the AWS SDKs raise (service-2.json of iot-data).</summary>
[TestClass]
public sealed class IotDataErrorTests
{
    [TestMethod]
    [DataRow(400, "InvalidRequestException")]
    [DataRow(401, "UnauthorizedException")]
    [DataRow(403, "ForbiddenException")]
    [DataRow(404, "ResourceNotFoundException")]
    [DataRow(405, "MethodNotAllowedException")]
    [DataRow(409, "ConflictException")]
    [DataRow(413, "RequestEntityTooLargeException")]
    [DataRow(415, "UnsupportedDocumentEncodingException")]
    [DataRow(429, "ThrottlingException")]
    [DataRow(500, "InternalFailureException")]
    [DataRow(503, "ServiceUnavailableException")]
    public void Each_shadow_code_maps_to_its_error_shape_and_status(int code, string type)
    {
        var error = IotDataError.FromShadowCode(code, "m");
        Assert.AreEqual(type, error.Type);
        Assert.AreEqual(code, error.Status);
        Assert.AreEqual("m", error.Message);
    }

    [TestMethod]
    public void An_unknown_code_is_an_internal_failure()
    {
        Assert.AreEqual(500, IotDataError.FromShadowCode(418, "m").Status);
    }
}
