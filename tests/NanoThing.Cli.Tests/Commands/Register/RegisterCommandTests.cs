using NanoThing.Cli.Commands.Policy;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Identity;
using NanoThing.Cli.Tests.Support;
using static NanoThing.Cli.Tests.Commands.Register.AwsReplies;

namespace NanoThing.Cli.Tests.Commands.Register;

[TestClass]
public sealed class RegisterCommandTests
{
    private const string Name = "kitchen";

    private static (CliHarness Cli, StandInProgram Aws, string CertificateId) Setup()
    {
        var cli = new CliHarness();
        Assert.AreEqual(ExitCodes.Ok, cli.Run("cert", "create", "--thing", Name).ExitCode);
        CertificateFacts.TryLoad(cli.PathOf("things", Name, "device.crt"), "", out var certificate, out _);
        string id = CertificateFacts.Of(certificate!).AwsCertificateId;
        var aws = new StandInProgram(cli.Bin, "aws").Reply(" sts get-caller-identity ", 0, CallerIdentity);
        return (cli, aws, id);
    }

    private static void NothingExists(StandInProgram aws, string id)
    {
        aws.Reply(" describe-thing ", ServiceError, "", Error("ResourceNotFoundException", "DescribeThing", $"Thing {Name} cannot be found."))
            .Reply(" create-thing ", 0, Thing(Name))
            .Reply(" describe-certificate ", ServiceError, "", Error("ResourceNotFoundException", "DescribeCertificate", $"The certificate given in the request does not exist"))
            .Reply(" register-certificate-without-ca ", 0, Registered(id))
            .Reply(" get-policy ", ServiceError, "", Error("ResourceNotFoundException", "GetPolicy", "Policy not found"))
            .Reply(" create-policy ", 0, PolicyReply("NanoThingShadow", IotPolicy.Generate(false)))
            .Reply(" attach-policy ", 0, "")
            .Reply(" attach-thing-principal ", 0, "")
            .Reply(" describe-endpoint ", 0, DescribeEndpoint);
    }

    [TestMethod]
    public void Register_NothingExists_CreatesEachResourceWithTheExactCommands()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        NothingExists(aws, id);

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string crt = cli.PathOf("things", Name, "device.crt"), policy = cli.PathOf("things", Name, "policy.json");
        string arn = CertificateArn(id);
        CollectionAssert.AreEqual(new[]
        {
            "sts get-caller-identity --output json",
            $"iot describe-thing --thing-name {Name} --output json",
            $"iot create-thing --thing-name {Name} --output json",
            $"iot describe-certificate --certificate-id {id} --output json",
            $"iot register-certificate-without-ca --certificate-pem file://{crt} --status ACTIVE --output json",
            "iot get-policy --policy-name NanoThingShadow --output json",
            $"iot create-policy --policy-name NanoThingShadow --policy-document file://{policy} --output json",
            $"iot attach-policy --policy-name NanoThingShadow --target {arn} --output json",
            $"iot attach-thing-principal --thing-name {Name} --principal {arn} --output json",
            "iot describe-endpoint --endpoint-type iot:Data-ATS --output json",
        }, aws.CallLines.ToArray());
        Assert.AreEqual(IotPolicy.Generate(false) + "\n", File.ReadAllText(policy));
        StringAssert.Contains(run.Out, $"endpoint: {Endpoint}\n");
        StringAssert.Contains(run.Out, $"next: nanothing bundle --thing {Name} --endpoint {Endpoint}");
    }

    [TestMethod]
    public void Register_NamedShadow_CreatesTheNamedShadowPolicyUnderItsOwnName()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        var device = new DevicePolicy(true, "config");
        aws.Reply(" describe-thing ", 0, DescribeThing(Name))
            .Reply(" describe-certificate ", 0, DescribeCertificate(id, "ACTIVE"))
            .Reply(" get-policy ", ServiceError, "", Error("ResourceNotFoundException", "GetPolicy", "Policy not found"))
            .Reply(" create-policy ", 0, PolicyReply(device.Name, IotPolicy.Generate(device)))
            .Reply(" attach-", 0, "")
            .Reply(" describe-endpoint ", 0, DescribeEndpoint);

        CliRun run = cli.Run("register", "--thing", Name, "--shadow", "config", "--telemetry");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string policy = cli.PathOf("things", Name, "policy.json");
        CollectionAssert.IsSubsetOf(new[]
        {
            "iot get-policy --policy-name NanoThingShadowTelemetry@config --output json",
            $"iot create-policy --policy-name NanoThingShadowTelemetry@config --policy-document file://{policy} --output json",
            $"iot attach-policy --policy-name NanoThingShadowTelemetry@config --target {CertificateArn(id)} --output json",
        }, aws.CallLines.ToArray());
        Assert.AreEqual(IotPolicy.Generate(device) + "\n", File.ReadAllText(policy));
        StringAssert.Contains(File.ReadAllText(policy), "/shadow/name/config/update\"");
    }

    [TestMethod]
    public void Register_InvalidShadow_IsInputInvalidBeforeAnyAwsCall()
    {
        var (cli, aws, _) = Setup();
        using var __ = cli;
        CliRun run = cli.Run("register", "--thing", Name, "--shadow", "a/b");
        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        Assert.AreEqual(0, aws.CallLines.Count);
    }

    [TestMethod]
    public void Register_EverythingExists_CreatesNothing()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        aws.Reply(" describe-thing ", 0, DescribeThing(Name))
            .Reply(" describe-certificate ", 0, DescribeCertificate(id, "ACTIVE"))
            .Reply(" get-policy ", 0, PolicyReply("NanoThingShadowTelemetry", IotPolicy.Generate(true)))
            .Reply(" attach-policy ", 0, "")
            .Reply(" attach-thing-principal ", 0, "")
            .Reply(" describe-endpoint ", 0, DescribeEndpoint);

        CliRun run = cli.Run("register", "--thing", Name, "--telemetry");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        Assert.IsFalse(aws.CallLines.Any(call => call.Contains(" create-") || call.Contains(" register-")), string.Join("\n", aws.CallLines));
        Assert.AreEqual("", run.Error, "the policy matches: no warning");
        StringAssert.Contains(string.Join("\n", aws.CallLines), "attach-policy --policy-name NanoThingShadowTelemetry --target " + CertificateArn(id));
    }

    [TestMethod]
    public void Register_ExistingPolicyDiffers_WarnsWithTheUpdateCommandAndKeepsGoing()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        aws.Reply(" describe-thing ", 0, DescribeThing(Name))
            .Reply(" describe-certificate ", 0, DescribeCertificate(id, "ACTIVE"))
            .Reply(" get-policy ", 0, PolicyReply("NanoThingShadow", """{"Version":"2012-10-17","Statement":[]}"""))
            .Reply(" attach-", 0, "")
            .Reply(" describe-endpoint ", 0, DescribeEndpoint);

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "aws iot create-policy-version --policy-name NanoThingShadow --policy-document file://");
    }

    [TestMethod]
    public void Register_RaceOnCreate_AlreadyExistsIsTreatedAsFound()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        aws.Reply(" create-thing ", ServiceError, "", Error("ResourceAlreadyExistsException", "CreateThing", $"Thing {Name} already exists in account with different attributes"))
            .Reply(" register-certificate-without-ca ", ServiceError, "", Error("ResourceAlreadyExistsException", "RegisterCertificateWithoutCA", "The certificate is already provisioned or registered"));
        // the first describe-certificate says "not found" (NothingExists), the one after the refused register finds it
        aws.Reply(" describe-certificate ", ServiceError, "", Error("ResourceNotFoundException", "DescribeCertificate", "not found"), once: true)
            .Reply(" describe-certificate ", 0, DescribeCertificate(id, "ACTIVE"));
        NothingExists(aws, id);

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        Assert.AreEqual(2, aws.CallLines.Count(call => call.Contains(" describe-certificate ")));
        Assert.AreEqual(1, aws.CallLines.Count(call => call.Contains(" register-certificate-without-ca ")));
        StringAssert.Contains(string.Join("\n", aws.CallLines), "attach-thing-principal --thing-name kitchen --principal " + CertificateArn(id));
    }

    [TestMethod]
    public void Register_InactiveCertificate_IsActivated()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        aws.Reply(" describe-certificate ", 0, DescribeCertificate(id, "INACTIVE")).Reply(" update-certificate ", 0, "");
        NothingExists(aws, id);

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        CollectionAssert.Contains(aws.CallLines.ToList(), $"iot update-certificate --certificate-id {id} --new-status ACTIVE --output json");
    }

    [TestMethod]
    public void Register_RevokedCertificate_IsRejectedWithTheRecreateCommand()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        aws.Reply(" describe-certificate ", 0, DescribeCertificate(id, "REVOKED"));
        NothingExists(aws, id);

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.Rejected, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "REVOKED");
        StringAssert.Contains(run.Error, $"nanothing cert create --thing {Name} --force");
        Assert.IsFalse(aws.CallLines.Any(call => call.Contains("attach-")));
    }

    [TestMethod]
    public void Register_FromCsr_WritesTheIssuedCertificate()
    {
        using var cli = new CliHarness();
        cli.Run("cert", "csr", "--thing", Name);
        var aws = new StandInProgram(cli.Bin, "aws").Reply(" sts get-caller-identity ", 0, CallerIdentity);
        string pem = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
        aws.Reply(" create-certificate-from-csr ", 0, System.Text.Json.JsonSerializer.Serialize(new
        {
            certificateArn = CertificateArn(new string('a', 64)),
            certificateId = new string('a', 64),
            certificatePem = pem,
        }));
        NothingExists(aws, "unused");

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        CollectionAssert.Contains(aws.CallLines.ToList(),
            $"iot create-certificate-from-csr --certificate-signing-request file://{cli.PathOf("things", Name, "device.csr")} --set-as-active --output json");
        Assert.AreEqual(pem, File.ReadAllText(cli.PathOf("things", Name, "device.crt")));
    }

    [TestMethod]
    public void Register_NoCredentials_SaysRunAwsConfigure()
    {
        using var cli = new CliHarness();
        cli.Run("cert", "create", "--thing", Name);
        var aws = new StandInProgram(cli.Bin, "aws").Reply(" sts ", ConfigurationError, "", NoCredentials);

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "no credentials");
        StringAssert.Contains(run.Error, "next:  aws configure");
        Assert.AreEqual(1, aws.Calls.Count);
    }

    [TestMethod]
    public void Register_AccessDenied_NamesTheCommandAndPermission()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        aws.Reply(" create-thing ", ServiceError, "", Error("AccessDeniedException", "CreateThing",
            "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iot:CreateThing"));
        NothingExists(aws, id);

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.Rejected, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "`aws iot create-thing --thing-name kitchen --output json`");
        StringAssert.Contains(run.Error, "iot:CreateThing");
        StringAssert.Contains(run.Error, "aws sts get-caller-identity");
    }

    [TestMethod]
    public void Register_AwsMissing_SaysHowToInstall()
    {
        using var cli = new CliHarness();
        cli.Run("cert", "create", "--thing", Name);
        cli.Environment["PATH"] = cli.Bin;

        CliRun run = cli.Run("register", "--thing", Name);

        Assert.AreEqual(ExitCodes.ExternalToolMissing, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "getting-started-install");
    }

    [TestMethod]
    public void Register_NoCertificate_SaysCreateOne()
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("register", "--thing", Name);
        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, $"nanothing cert create --thing {Name}");
    }

    [TestMethod]
    public void Register_DryRun_PrintsTheCommandsAndRunsNothing()
    {
        var (cli, aws, id) = Setup();
        using var _ = cli;
        cli.Environment["PATH"] = cli.Bin; // also works without aws installed
        File.Delete(aws.Path);

        CliRun run = cli.Run("register", "--thing", Name, "--dry-run");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string[] commands = run.Out.Split('\n').Where(line => line.StartsWith("aws ")).ToArray();
        Assert.AreEqual(10, commands.Length, run.Out);
        Assert.AreEqual($"aws iot register-certificate-without-ca --certificate-pem file://{cli.PathOf("things", Name, "device.crt")} --status ACTIVE --output json", commands[4]);
        Assert.AreEqual($"aws iot attach-thing-principal --thing-name {Name} --principal '<certificate-arn>' --output json", commands[8]);
        Assert.AreEqual(0, aws.Calls.Count);
        Assert.IsFalse(File.Exists(cli.PathOf("things", Name, "policy.json")));
    }
}
