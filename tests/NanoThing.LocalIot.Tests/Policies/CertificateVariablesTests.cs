using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.Tests.Policies;

/// <summary>Certificate variables read from a real X.509 certificate, and the MQTT context built from it.</summary>
[TestClass]
public sealed class CertificateVariablesTests
{
    /// <summary>A self-signed certificate whose subject is encoded in the order given (as openssl -subj "/C=…/O=…" does).</summary>
    private static X509Certificate2 Certificate(params (string Oid, string Value)[] subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        foreach (var (oid, value) in subject.Reverse()) name.Add(oid, value); // the builder encodes the last added first
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("dev1.example.com");
        names.AddIpAddress(IPAddress.Parse("192.0.2.7"));
        names.AddEmailAddress("ops@example.com");
        names.AddUri(new Uri("urn:nanothing:dev1"));
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [TestMethod]
    public void From_ReadsSubjectIssuerAlternativeNamesAndSerial()
    {
        using var certificate = Certificate(("2.5.4.6", "DE"), ("2.5.4.10", "Example Corp"), ("2.5.4.10", "AnyCompany"), ("2.5.4.11", "Lab"), ("2.5.4.3", "dev1"));
        var fields = CertificateVariables.From(certificate);
        Assert.AreEqual("dev1", fields["Subject.CommonName"]);
        Assert.AreEqual("Example Corp", fields["Subject.Organization"]);
        Assert.AreEqual("AnyCompany", fields["Subject.Organization.1"]);
        Assert.AreEqual("Lab", fields["Subject.OrganizationalUnit"]);
        Assert.AreEqual("DE", fields["Subject.Country"]);
        Assert.AreEqual("dev1", fields["Issuer.CommonName"]); // self-signed
        Assert.AreEqual("dev1.example.com", fields["Subject.AlternativeName.DNSName"]);
        Assert.AreEqual("192.0.2.7", fields["Subject.AlternativeName.IPAddress"]);
        Assert.AreEqual("ops@example.com", fields["Subject.AlternativeName.RFC822Name"]);
        Assert.AreEqual("urn:nanothing:dev1", fields["Subject.AlternativeName.UniformResourceIdentifier"]);
        Assert.AreEqual(certificate.SerialNumber, fields["SerialNumber"]);
        Assert.IsFalse(fields.ContainsKey("Subject.Title"));
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), CertificateVariables.Id(certificate));
    }

    [TestMethod]
    public void ForMqtt_ThingVariablesOnlyWhenTheClientIdIsAnAttachedThing()
    {
        using var certificate = Certificate(("2.5.4.3", "dev1"));
        var attributes = new Dictionary<string, string> { ["room"] = "kitchen" };
        (string?, IReadOnlyDictionary<string, string>?) Describe(string thing) => ("lamp", attributes);

        var asThing = AuthorizationContext.ForMqtt("dev1", certificate, ["dev1", "dev2"], Describe, ["PersistentConnect"], IPAddress.Loopback);
        Assert.AreEqual("dev1", asThing.ThingName);
        Assert.AreEqual("lamp", asThing.ThingTypeName);
        Assert.AreEqual("kitchen", asThing.ThingAttributes!["room"]);
        Assert.AreEqual("dev1", asThing.CommonName);
        Assert.AreEqual(CertificateVariables.Id(certificate), asThing.CertificateId);

        var observer = AuthorizationContext.ForMqtt("observer", certificate, ["dev1"], Describe);
        Assert.IsNull(observer.ThingName);
        Assert.IsNull(observer.ThingTypeName);
        Assert.IsNull(observer.ThingAttributes);

        // Through the engine: the thing variable resolves only for the first.
        var policy = PolicyFixture.Policy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:*:*:topic/${iot:Connection.Thing.Attributes[room]}/${iot:Certificate.Subject.CommonName}\"}}");
        Assert.IsTrue(PolicyEngine.Authorize([policy], new AuthorizationRequest(IotActions.Publish, IotArn.Topic("kitchen/dev1")), asThing).Allowed);
        Assert.IsFalse(PolicyEngine.Authorize([policy], new AuthorizationRequest(IotActions.Publish, IotArn.Topic("kitchen/dev1")), observer).Allowed);
    }
}
