using System.Text;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;
using NanoThing.LocalIot.Broker;
using NanoThing.Mqtt;

namespace NanoThing.Cli.Tests.Commands.Shadow;

/// <summary>
/// `shadow get|update|delete|list|watch` against the local stand-in's data plane (a real `local serve` process, real
/// HTTPS and SigV4), and a device connected as the same thing staying connected while they run.
/// </summary>
[TestClass]
public sealed class ShadowCommandTests
{
    private static CliHarness cli = null!;
    private static int port;

    [ClassInitialize]
    public static void StartStandIn(TestContext _)
    {
        cli = new CliHarness();
        port = FreePort.Find();
        Assert.AreEqual(ExitCodes.Ok, cli.Run("local", "provision", "--thing", "kitchen").ExitCode);
        CliRun start = cli.Run("local", "start", "--port", port.ToString(), "--data-plane-port", FreePort.Find().ToString());
        Assert.AreEqual(ExitCodes.Ok, start.ExitCode, start.ToString());
    }

    [ClassCleanup]
    public static void StopStandIn()
    {
        cli.Run("local", "stop");
        cli.Dispose();
    }

    [TestMethod]
    public void Update_then_get_shows_the_desired_state_and_its_delta()
    {
        CliRun update = cli.Run("shadow", "update", "--thing", "pantry", "--desired", """{"led":true,"interval":30}""");
        Assert.AreEqual(ExitCodes.Ok, update.ExitCode, update.ToString());
        StringAssert.Contains(update.Out, "\"interval\": 30");

        CliRun get = cli.Run("shadow", "get", "--thing", "pantry");
        Assert.AreEqual(ExitCodes.Ok, get.ExitCode, get.ToString());
        StringAssert.Contains(get.Out, "\"delta\": {");
        StringAssert.Contains(get.Out, "\"led\": true");
    }

    [TestMethod]
    public void Named_shadows_are_updated_listed_and_deleted_apart_from_the_classic_one()
    {
        Assert.AreEqual(ExitCodes.Ok, cli.Run("shadow", "update", "--thing", "cellar", "--shadow-name", "config", "--desired", """{"rate":5}""").ExitCode);
        Assert.AreEqual(ExitCodes.Ok, cli.Run("shadow", "update", "--thing", "cellar", "--shadow-name", "alarm", "--desired", """{"armed":true}""").ExitCode);
        CliRun list = cli.Run("shadow", "list", "--thing", "cellar");
        Assert.AreEqual(ExitCodes.Ok, list.ExitCode, list.ToString());
        Assert.AreEqual("alarm\nconfig\n", list.Out);
        Assert.AreEqual(ExitCodes.NotFound, cli.Run("shadow", "get", "--thing", "cellar").ExitCode, "the classic shadow was never written");

        CliRun delete = cli.Run("shadow", "delete", "--thing", "cellar", "--shadow-name", "alarm");
        Assert.AreEqual(ExitCodes.Ok, delete.ExitCode, delete.ToString());
        StringAssert.Contains(delete.Out, "deleted shadow alarm of cellar (version 1; the next update makes version 2)");
        Assert.AreEqual("config\n", cli.Run("shadow", "list", "--thing", "cellar").Out);
    }

    [TestMethod]
    public void Get_of_a_missing_shadow_is_NotFound_with_the_next_step()
    {
        CliRun get = cli.Run("shadow", "get", "--thing", "fresh", "--shadow-name", "cfg");
        Assert.AreEqual(ExitCodes.NotFound, get.ExitCode, get.ToString());
        StringAssert.Contains(get.Error, "shadow cfg of fresh does not exist (No shadow exists with name: 'cfg')");
        StringAssert.Contains(get.Error, "nanothing shadow update --thing fresh --shadow-name cfg");
    }

    [TestMethod]
    public void Invalid_documents_are_InputInvalid_with_the_services_message()
    {
        Assert.AreEqual(ExitCodes.InputInvalid, cli.Run("shadow", "update", "--thing", "kitchen", "--desired", "[1,2]").ExitCode);
        string deep = string.Concat(Enumerable.Repeat("{\"a\":", 9)) + "1" + new string('}', 9);
        CliRun run = cli.Run("shadow", "update", "--thing", "kitchen", "--desired", deep);
        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "InvalidRequestException: JSON contains too many levels of nesting; maximum is 6");
    }

    [TestMethod]
    public async Task Watch_prints_the_version_an_update_makes()
    {
        var watch = Task.Run(() => cli.Run("shadow", "watch", "--thing", "attic", "--count", "1", "--interval", "0.1"));
        Assert.AreEqual(ExitCodes.Ok, cli.Run("shadow", "update", "--thing", "attic", "--desired", """{"fan":2}""").ExitCode);
        CliRun run = await watch.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "watching the shadow of attic through the local stand-in's data plane");
        StringAssert.Contains(run.Out, " v1 desired {\"fan\":2} delta {\"fan\":2}\n");
    }

    [TestMethod]
    public async Task A_device_connected_as_the_thing_stays_connected_and_receives_the_delta()
    {
        string dir = cli.PathOf("things", "kitchen");
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(Path.Combine(dir, "root-ca.pem"), Path.Combine(dir, "device.crt"), Path.Combine(dir, "device.key"), out var tls, out string error), error);
        await using var device = new MqttClient(new MqttConnectOptions("127.0.0.1", port, "kitchen", tls) { ServerName = "localhost" });
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var delta = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.ConnectionLost += connectionLost => lost.TrySetResult(connectionLost.Message);
        device.MessageReceived += message => delta.TrySetResult(Encoding.UTF8.GetString(message.Payload.Span));
        Assert.IsTrue((await device.ConnectAsync()).IsConnected);
        Assert.IsTrue((await device.SubscribeAsync("$aws/things/kitchen/shadow/update/delta")).AllGranted);

        foreach (var args in new[] { new[] { "shadow", "update", "--thing", "kitchen", "--desired", """{"led":true}""" }, ["shadow", "get", "--thing", "kitchen"], ["shadow", "list", "--thing", "kitchen"] })
        {
            CliRun run = cli.Run(args);
            Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        }

        StringAssert.Contains(await delta.Task.WaitAsync(TimeSpan.FromSeconds(30)), "\"led\":true");
        Assert.IsFalse(lost.Task.IsCompleted, "the device lost its connection: " + (lost.Task.IsCompleted ? lost.Task.Result : ""));
        Assert.IsTrue(device.IsConnected);
    }

    [TestMethod]
    public void Against_AWS_a_dry_run_prints_the_AWS_CLI_commands_with_the_data_endpoint()
    {
        using var other = new CliHarness();
        other.Environment["PATH"] = other.Bin; // works without the AWS CLI installed
        CliRun run = other.Run("shadow", "update", "--thing", "kitchen", "--shadow-name", "cfg", "--desired", """{"led":true}""", "--endpoint", "abc123-ats.iot.eu-west-1.amazonaws.com", "--dry-run");
        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "# update.json: {\"state\":{\"desired\":{\"led\":true}}}\n");
        StringAssert.Contains(run.Out, "aws iot-data update-thing-shadow --thing-name kitchen --shadow-name cfg --payload fileb://update.json --endpoint-url https://abc123-ats.iot.eu-west-1.amazonaws.com shadow.json --output json\n");

        CliRun describe = other.Run("shadow", "get", "--thing", "kitchen", "--dry-run");
        Assert.AreEqual(ExitCodes.Ok, describe.ExitCode, describe.ToString());
        StringAssert.Contains(describe.Out, "aws iot describe-endpoint --endpoint-type iot:Data-ATS --output json\n");
        StringAssert.Contains(describe.Out, "aws iot-data get-thing-shadow --thing-name kitchen --endpoint-url 'https://<endpoint>' shadow.json --output json\n");
    }

    [TestMethod]
    public void Against_AWS_the_AWS_CLI_answer_is_read_from_its_outfile_and_its_errors_mapped()
    {
        using var other = new CliHarness();
        File.WriteAllText(Path.Combine(other.Bin, "aws"), """
            #!/bin/bash
            printf '%s\n' "$*" >> "$0.calls"
            next=0; out=""
            for arg in "$@"; do if [ "$next" = 2 ]; then out="$arg"; next=0; elif [ "$next" = 1 ]; then next=2; fi; [ "$arg" = "--endpoint-url" ] && next=1; done
            case " $* " in
              *" --thing-name missing "*) echo "An error occurred (ResourceNotFoundException) when calling the GetThingShadow operation: No shadow exists with name: 'missing'" >&2; exit 255 ;;
              *" --thing-name denied "*) echo "An error occurred (ForbiddenException) when calling the GetThingShadow operation: Forbidden" >&2; exit 255 ;;
              *" get-thing-shadow "*) printf '%s' '{"state":{"reported":{"t":21}},"version":3}' > "$out" ;;
            esac
            """.Replace("\r", ""));
        File.SetUnixFileMode(Path.Combine(other.Bin, "aws"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] endpoint = ["--endpoint", "abc123-ats.iot.eu-west-1.amazonaws.com"];

        CliRun get = other.Run(["shadow", "get", "--thing", "kitchen", .. endpoint]);
        Assert.AreEqual(ExitCodes.Ok, get.ExitCode, get.ToString());
        StringAssert.Contains(get.Out, "\"t\": 21");
        StringAssert.Contains(get.Out, "$ aws iot-data get-thing-shadow --thing-name kitchen --endpoint-url https://abc123-ats.iot.eu-west-1.amazonaws.com ");

        CliRun missing = other.Run(["shadow", "get", "--thing", "missing", .. endpoint]);
        Assert.AreEqual(ExitCodes.NotFound, missing.ExitCode, missing.ToString());
        StringAssert.Contains(missing.Error, "No shadow exists with name: 'missing'");

        CliRun denied = other.Run(["shadow", "get", "--thing", "denied", .. endpoint]);
        Assert.AreEqual(ExitCodes.Rejected, denied.ExitCode, denied.ToString());
        StringAssert.Contains(denied.Error, "ForbiddenException");
        StringAssert.Contains(denied.Error, "aws sts get-caller-identity");
    }
}
