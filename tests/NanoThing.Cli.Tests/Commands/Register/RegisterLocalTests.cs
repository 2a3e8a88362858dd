using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Registry;

namespace NanoThing.Cli.Tests.Commands.Register;

/// <summary>
/// `register --local`: the seeds' path rehearsed on the PC — a self-signed device certificate (`cert create`), registered
/// without a CA with the same AWS CLI steps as on AWS, thing and policy created and attached; then `check` connects
/// through the real stand-in process.
/// </summary>
[TestClass]
public sealed class RegisterLocalTests
{
    private const string Name = "seedling";

    [TestMethod]
    public void RegisterLocal_RunsTheAwsSteps_AgainstTheRegistry_AndTheDeviceCertificateThenConnects()
    {
        using var cli = new CliHarness();
        cli.Now = DateTimeOffset.UtcNow; // the stand-in checks certificates at the real time
        Assert.AreEqual(ExitCodes.Ok, cli.Run("cert", "create", "--thing", Name).ExitCode);

        CliRun register = cli.Run("register", "--thing", Name, "--local");

        Assert.AreEqual(ExitCodes.Ok, register.ExitCode, register.ToString());
        foreach (string step in new[] { "aws iot create-thing --thing-name seedling", "aws iot register-certificate-without-ca", "aws iot create-policy --policy-name NanoThingShadow",
                     "aws iot attach-policy --policy-name NanoThingShadow", "aws iot attach-thing-principal --thing-name seedling" })
        {
            StringAssert.Contains(register.Out, step, register.ToString());
        }

        Assert.IsTrue(LocalRegistry.TryOpen(cli.PathOf(".nanothing", "local"), out var registry, out string error), error);
        Assert.IsNotNull(registry.Thing(Name));
        Assert.IsNotNull(registry.Policy("NanoThingShadow"));
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(cli.PathOf("things", Name, "device.crt"));
        var record = registry.Certificate(LocalRegistry.CertificateId(certificate));
        Assert.IsNotNull(record, "the device's own certificate is registered");
        Assert.IsTrue(record.RegisteredWithoutCa);
        Assert.AreEqual(CertificateStatus.Active, record.Status);
        CollectionAssert.AreEqual(new[] { Name }, registry.ThingsOf(record.Id).ToArray());
        Assert.AreEqual("NanoThingShadow", registry.PoliciesOf(record.Id).Single().Name);

        CliRun again = cli.Run("register", "--thing", Name, "--local");
        Assert.AreEqual(ExitCodes.Ok, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, "thing seedling exists");
        StringAssert.Contains(again.Out, "is registered (ACTIVE)");

        int port = FreePort.Find();
        try
        {
            CliRun start = cli.Run("local", "start", "--port", port.ToString());
            Assert.AreEqual(ExitCodes.Ok, start.ExitCode, start.ToString());
            CliRun check = cli.Run("check", "--thing", Name);
            Assert.AreEqual(ExitCodes.Ok, check.ExitCode, check.ToString());
            StringAssert.Contains(check.Out, "check passed");
        }
        finally
        {
            cli.Run("local", "stop");
        }
    }

    [TestMethod]
    public void RegisterLocal_WithoutACertificate_SaysToCreateOne()
    {
        using var cli = new CliHarness();

        CliRun register = cli.Run("register", "--thing", Name, "--local");

        Assert.AreEqual(ExitCodes.NotFound, register.ExitCode, register.ToString());
        StringAssert.Contains(register.Error, "nanothing cert create --thing seedling");
    }
}
