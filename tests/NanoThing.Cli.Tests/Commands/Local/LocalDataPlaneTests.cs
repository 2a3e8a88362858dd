using System.Diagnostics;
using System.Text.Json.Nodes;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;
using NanoThing.LocalIot.Broker;

namespace NanoThing.Cli.Tests.Commands.Local;

/// <summary>
/// <c>local start</c> with the data plane, <c>local env</c>, and the real AWS CLI and boto3 (when installed) using the
/// stand-in after <c>eval "$(nanothing local env)"</c>, unchanged.
/// </summary>
[TestClass]
public sealed class LocalDataPlaneTests
{
    private static CliHarness cli = null!;
    private static int dataPlanePort;
    private static string envScript = null!;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        cli = new CliHarness();
        int port = FreePort.Find();
        dataPlanePort = FreePort.Find();
        CliRun start = cli.Run("local", "start", "--port", port.ToString(), "--data-plane-port", dataPlanePort.ToString());
        Assert.AreEqual(ExitCodes.Ok, start.ExitCode, start.ToString());
        StringAssert.Contains(start.Out, $"endpoint: 127.0.0.1:{port}\n");
        StringAssert.Contains(start.Out, $"data plane: https://127.0.0.1:{dataPlanePort}\n");
        StringAssert.Contains(start.Out, "eval \"$(nanothing local env)\"");
        Assert.DoesNotContain(Secret(), start.Out, "local start never prints the secret");

        CliRun env = cli.Run("local", "env");
        Assert.AreEqual(ExitCodes.Ok, env.ExitCode, env.ToString());
        envScript = cli.PathOf("env.sh");
        File.WriteAllText(envScript, env.Out);
    }

    [ClassCleanup]
    public static void Stop()
    {
        cli.Run("local", "stop");
        cli.Dispose();
    }

    [TestMethod]
    public void Env_exports_the_credentials_region_data_plane_and_local_root_ca()
    {
        var credentials = JsonNode.Parse(File.ReadAllText(cli.PathOf(".nanothing", "local", "credentials.json")))!;
        string text = File.ReadAllText(envScript);
        StringAssert.Contains(text, $"export AWS_ACCESS_KEY_ID='{credentials["accessKeyId"]}'\n");
        StringAssert.Contains(text, $"export AWS_SECRET_ACCESS_KEY='{Secret()}'\n");
        StringAssert.Contains(text, "export AWS_DEFAULT_REGION='us-east-1'\n");
        StringAssert.Contains(text, $"export AWS_ENDPOINT_URL_IOT_DATA_PLANE='https://127.0.0.1:{dataPlanePort}'\n");
        StringAssert.Contains(text, $"export AWS_CA_BUNDLE='{cli.PathOf(".nanothing", "local", "ca", "ca.crt")}'\n");
        StringAssert.Contains(text, "unset AWS_SESSION_TOKEN AWS_PROFILE\n");
    }

    [TestMethod]
    public void Env_without_a_running_stand_in_says_to_start_it()
    {
        using var other = new CliHarness();
        CliRun env = other.Run("local", "env");
        Assert.AreEqual(ExitCodes.NotFound, env.ExitCode, env.ToString());
        StringAssert.Contains(env.Error, "nanothing local start");
    }

    [TestMethod]
    public void Status_shows_the_data_plane()
    {
        StringAssert.Contains(cli.Run("local", "status").Out, $"data plane: https://127.0.0.1:{dataPlanePort}\n");
    }

    [TestMethod]
    public void The_AWS_CLI_reads_and_changes_shadows_after_eval_of_local_env()
    {
        RequireProgram("aws", "the AWS CLI (apt-get install awscli)");
        var update = Shell("aws iot-data update-thing-shadow --thing-name cli-thing --cli-binary-format raw-in-base64-out --payload '{\"state\":{\"desired\":{\"led\":true}}}' update.json"
            + " || aws iot-data update-thing-shadow --thing-name cli-thing --payload '{\"state\":{\"desired\":{\"led\":true}}}' update.json");
        Assert.AreEqual(0, update.ExitCode, update.Output);
        var get = Shell("aws iot-data get-thing-shadow --thing-name cli-thing out.json");
        Assert.AreEqual(0, get.ExitCode, get.Output);
        var document = JsonNode.Parse(File.ReadAllText(cli.PathOf("out.json")))!;
        Assert.IsTrue((bool)document["state"]!["delta"]!["led"]!, document.ToJsonString());

        var missing = Shell("aws iot-data get-thing-shadow --thing-name no-such-thing out2.json");
        Assert.AreNotEqual(0, missing.ExitCode);
        StringAssert.Contains(missing.Output, "An error occurred (ResourceNotFoundException) when calling the GetThingShadow operation: No shadow exists with name: 'no-such-thing'");
    }

    [TestMethod]
    public void Boto3s_iot_data_client_works_unchanged_and_raises_modeled_exceptions()
    {
        RequireProgram("python3", "python3 with boto3 (apt-get install python3-boto3)");
        File.WriteAllText(cli.PathOf("probe.py"), """
            import boto3, json
            c = boto3.client("iot-data")
            c.update_thing_shadow(thingName="boto-thing", shadowName="cfg", payload=json.dumps({"state": {"reported": {"t": 21}}}))
            print("version", json.loads(c.get_thing_shadow(thingName="boto-thing", shadowName="cfg")["payload"].read())["version"])
            print("names", c.list_named_shadows_for_thing(thingName="boto-thing")["results"])
            c.publish(topic="dt/boto-thing/telemetry", qos=1, payload=b"{}")
            try:
                c.update_thing_shadow(thingName="boto-thing", shadowName="cfg", payload=json.dumps({"state": {"reported": {"t": 22}}, "version": 9}))
            except c.exceptions.ConflictException as e:
                print("conflict", e.response["Error"]["Message"])
            """);
        var run = Shell("python3 -c 'import boto3' 2>/dev/null || exit 77; python3 probe.py");
        if (run.ExitCode == 77)
        {
            Assert.Inconclusive("boto3 is not installed (apt-get install python3-boto3)");
        }

        Assert.AreEqual(0, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "version 1\n");
        StringAssert.Contains(run.Output, "names ['cfg']\n");
        StringAssert.Contains(run.Output, "conflict Version conflict\n");
    }

    private static string Secret() => (string)JsonNode.Parse(File.ReadAllText(cli.PathOf(".nanothing", "local", "credentials.json")))!["secretAccessKey"]!;

    private static void RequireProgram(string name, string what)
    {
        if (Shell("command -v " + name, withEnv: false).ExitCode != 0)
        {
            Assert.Inconclusive(what + " is not installed here");
        }
    }

    /// <summary>Runs <paramref name="command"/> in bash in the harness's folder, after sourcing the <c>local env</c> output, with
    /// the machine's PATH and HOME (where the AWS CLI and boto3 live) and no AWS settings of its own.</summary>
    private static (int ExitCode, string Output) Shell(string command, bool withEnv = true)
    {
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = cli.WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add((withEnv ? ". ./env.sh && " : "") + command);
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(command + " did not finish within 120 s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
