using System.CommandLine;
using System.Text;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Files;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// <c>nanothing bundle --thing &lt;name&gt; --endpoint &lt;host[:port]&gt; --wifi-ssid S [--wifi-password P] [--root-ca F]...</c>:
/// writes the device's deployment set into things/&lt;thing&gt;/bundle/ (<see cref="BundleLayout"/>): Wi-Fi for the
/// configuration block, identity + root CAs + config file for I:\ (<see cref="NanoffDeployment"/> says why). Everything is
/// validated before the first file is written. The bundle is derived data: it is rewritten on every run (each file
/// replaced atomically); files holding the key or the Wi-Fi password are 0600. Nothing secret is printed.
/// </summary>
public static class BundleCommand
{
    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var endpoint = new Option<string>("--endpoint") { Description = "The MQTT endpoint host[:port] (AWS: the iot:Data-ATS endpoint).", Required = true };
        var ssid = new Option<string>("--wifi-ssid") { Description = "The Wi-Fi network the device joins.", Required = true };
        var password = new Option<string?>("--wifi-password") { Description = $"Its WPA2 password (default: ${WifiCredentials.PasswordVariable})." };
        var rootCa = new Option<string[]>("--root-ca")
        {
            Description = "A root CA PEM file the device trusts (repeat: AmazonRootCA1.pem and AmazonRootCA3.pem). Default: things/<thing>/root-ca.pem.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("bundle", "Write the device's deployment set: identity PEM, root CAs, config file, nanoff deployment JSON.");
        thing.AddTo(command);
        command.Options.Add(endpoint);
        command.Options.Add(ssid);
        command.Options.Add(password);
        command.Options.Add(rootCa);
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            if (!thing.TryResolve(parse, context, out var files, out var error)
                || !IotEndpoint.TryParse(parse.GetValue(endpoint), out var host, out error)
                || !WifiCredentials.TryCreate(parse.GetValue(ssid), parse.GetValue(password) ?? context.Environment.GetValueOrDefault(WifiCredentials.PasswordVariable), out var wifi, out error))
            {
                return error;
            }

            string[] roots = (parse.GetValue(rootCa) ?? []).Select(context.Resolve).ToArray();
            return Execute(context, files, host, wifi, roots);
        }));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files, IotEndpoint endpoint, WifiCredentials wifi, IReadOnlyList<string> rootCaFiles)
    {
        if (rootCaFiles.Count == 0)
        {
            if (!File.Exists(files.RootCa))
            {
                return new CliError(Failure.NotFound, $"no root CA given (--root-ca) and no {files.RootCa} from `nanothing local provision`", RootCaBundle.Download);
            }

            rootCaFiles = [files.RootCa];
        }

        if (!DeviceIdentityPem.TryBuild(files, out byte[] identity, out CliError? error)
            || !RootCaBundle.TryBuild(rootCaFiles, out byte[] roots, out int rootCount, out error))
        {
            return error;
        }

        var layout = BundleLayout.Of(files);
        string rerun = $"nanothing bundle --thing {files.Thing} ...";
        error = SafeFile.WriteSecret(layout.DeviceIdentity, identity, true, rerun)
            ?? SafeFile.WritePublic(layout.RootCaBundle, roots, true, rerun)
            ?? SafeFile.WritePublic(layout.DeviceConfig, Encoding.UTF8.GetBytes(DeviceConfigFile.Write(files.Thing, endpoint)), true, rerun)
            ?? SafeFile.WriteSecret(layout.NetworkDeployment, Encoding.UTF8.GetBytes(NanoffDeployment.Network(wifi)), true, rerun)
            ?? SafeFile.WritePublic(layout.FileDeployment, Encoding.UTF8.GetBytes(NanoffDeployment.Files(BundleLayout.DriveFiles)), true, rerun);
        if (error is not null)
        {
            return error;
        }

        TextWriter output = context.Out;
        output.WriteLine($"wrote {layout.Directory}/");
        output.WriteLine($"  {BundleLayout.DeviceIdentityName}  certificate + private key of {files.Thing}, NUL-terminated (mode 0600; to {BundleLayout.DevicePath(BundleLayout.DeviceIdentityName)})");
        output.WriteLine($"  {BundleLayout.RootCaBundleName}  {rootCount} root CA certificate(s) from {string.Join(", ", rootCaFiles)} (to {BundleLayout.DevicePath(BundleLayout.RootCaBundleName)})");
        output.WriteLine($"  {DeviceConfigFile.DeviceFileName}  thing {files.Thing}, endpoint {endpoint.Host}:{endpoint.Port} (to {DeviceConfigFile.DevicePath})");
        output.WriteLine($"  {BundleLayout.NetworkDeploymentName}  nanoff --networkdeployment: {wifi} (mode 0600; stored in the configuration block)");
        output.WriteLine($"  {BundleLayout.FileDeploymentName}  nanoff --filedeployment: identity, root CAs and config file to I:\\ (paths relative to the bundle folder)");
        if (endpoint.IsLegacyAwsEndpoint)
        {
            context.Error.WriteLine($"warning: {endpoint.Host} looks like AWS's legacy endpoint, which does not chain to Amazon Root CA 1/3; "
                + "use the one of `aws iot describe-endpoint --endpoint-type iot:Data-ATS` (ends in -ats.iot.<region>.amazonaws.com)");
        }

        output.WriteLine($"next: nanothing flash --thing {files.Thing} --port <serial port, e.g. /dev/ttyUSB0 or COM3>");
        return null;
    }
}
