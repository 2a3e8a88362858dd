using System.Collections;
using System.Text;
using System.Text.Json;
using NanoThing.Core.Config;
using NanoThing.Mqtt;
using NanoThing.VirtualBoard.Adapters;

namespace NanoThing.VirtualBoard.Board;

/// <summary>
/// One thing's folder, <c>things/&lt;name&gt;/</c>, as `nanothing local provision` and `nanothing bundle` write it:
/// the identity (device.crt, device.key, root-ca.pem for the local stand-in) and <c>bundle/</c>, the files a real
/// board gets in flash. The virtual board's flash is <c>bundle/</c>: it reads the same nanothing.json a board reads
/// from I:\. Only paths and loading; every failure is a sentence naming the file and what to run.
/// </summary>
public sealed record ThingFolder(string Directory)
{
    public string Certificate => Path.Combine(Directory, "device.crt");
    public string Key => Path.Combine(Directory, "device.key");
    /// <summary>The CA of the local stand-in (written by `nanothing local provision`).</summary>
    public string RootCa => Path.Combine(Directory, "root-ca.pem");
    /// <summary>The board's flash: the bundle folder.</summary>
    public string Flash => Path.Combine(Directory, "bundle");
    /// <summary>The CA bundle `nanothing bundle` wrote for a real board (Amazon's roots).</summary>
    public string RootCaBundle => Path.Combine(Flash, "root-ca-bundle.pem");
    public string Config => Path.Combine(Flash, DeviceConfig.FileName);

    /// <summary>
    /// Loads the TLS identity: device.crt + device.key, trusting root-ca.pem when present (local stand-in), else the
    /// bundle's root-ca-bundle.pem (AWS).
    /// </summary>
    public bool TryLoadTls(string thing, out TlsSettings? tls, out string error)
    {
        tls = null;
        if (!File.Exists(Certificate) || !File.Exists(Key))
        {
            error = $"no identity for thing '{thing}': {Certificate} and {Key} are needed; run `nanothing local provision --thing {thing}` (local stand-in) or `nanothing cert create --thing {thing}` (AWS)";
            return false;
        }

        string ca = File.Exists(RootCa) ? RootCa : RootCaBundle;
        if (!File.Exists(ca))
        {
            error = $"no CA to trust for thing '{thing}': neither {RootCa} nor {RootCaBundle} exists; run `nanothing local provision --thing {thing}` or `nanothing bundle --thing {thing} ...`";
            return false;
        }

        return TlsSettings.TryLoadFromPemFiles(ca, Certificate, Key, out tls, out error);
    }

    /// <summary>
    /// The device config from the flash folder, parsed and validated by Core exactly as the board does. When the file
    /// does not exist and <paramref name="create"/> is given, writes one first (thing name, endpoint, port and the
    /// extra fields of <paramref name="create"/>), as `nanothing bundle` would for a locally provisioned thing.
    /// </summary>
    public bool TryLoadConfig(string thing, NewConfig? create, out DeviceConfig? config, out string error)
    {
        config = null;
        var storage = new FolderStorage(Flash);
        if (!File.Exists(Config))
        {
            if (create is null)
            {
                error = $"no device config {Config}; run `nanothing bundle --thing {thing} ...` or pass --endpoint host:port to create one";
                return false;
            }

            byte[] json = create.ToJson(thing);
            if (!storage.Write(DeviceConfig.FileName, json, 0, json.Length))
            {
                error = $"could not write {Config}; check the permissions of {Flash}";
                return false;
            }
        }

        var errors = new ArrayList();
        config = DeviceConfig.Load(storage, errors);
        if (config is null)
        {
            error = $"{Config} is not a valid device config: " + string.Join("; ", errors.Cast<string>()) + $"; fix it or delete it and pass --endpoint to create a new one";
            return false;
        }

        if (config.ThingName != thing)
        {
            error = $"{Config} is for thing '{config.ThingName}', not '{thing}'; run the board with --thing {config.ThingName} or write the bundle again (`nanothing bundle --thing {thing} ...`)";
            config = null;
            return false;
        }

        error = "";
        return true;
    }
}

/// <summary>
/// A device config to create for a thing that has none: the fields `nanothing bundle` writes (thing name, endpoint,
/// port) plus optional settings (e.g. <c>reportIntervalSeconds</c>) named as in nanothing.json.
/// </summary>
public sealed record NewConfig(string Host, int Port)
{
    /// <summary>Extra numeric settings, by their nanothing.json field name.</summary>
    public IReadOnlyDictionary<string, double> Settings { get; init; } = new Dictionary<string, double>();

    public byte[] ToJson(string thing)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("thingName", thing);
            json.WriteString("endpoint", Host);
            json.WriteNumber("port", Port);
            foreach (var (name, value) in Settings)
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
