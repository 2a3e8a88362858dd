using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NanoThing.Cli.Execution;

/// <summary>Writes the JSON files the CLI generates: indented by two spaces, '\n' line ends, no escaping beyond what
/// JSON requires, so that golden tests can compare exact text.</summary>
public static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
