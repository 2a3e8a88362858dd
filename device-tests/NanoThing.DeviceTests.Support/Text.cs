using System.Text;
using NanoThing.Core.Json;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>UTF-8 conversions for assertions: tests compare exact text.</summary>
    public static class Text
    {
        /// <summary>The UTF-8 bytes of <paramref name="s"/>.</summary>
        public static byte[] Bytes(string s)
        {
            return Encoding.UTF8.GetBytes(s);
        }

        /// <summary>The text of <paramref name="length"/> bytes from <paramref name="offset"/>.</summary>
        public static string Of(byte[] buffer, int offset, int length)
        {
            return Encoding.UTF8.GetString(buffer, offset, length);
        }

        /// <summary>What <paramref name="writer"/> has written so far.</summary>
        public static string Of(JsonWriter writer)
        {
            return Encoding.UTF8.GetString(writer.Buffer, writer.Offset, writer.Length);
        }

        /// <summary>Parses <paramref name="json"/> with <paramref name="reader"/> and returns the status.</summary>
        public static JsonStatus Parse(JsonReader reader, string json)
        {
            byte[] bytes = Bytes(json);
            return reader.Parse(bytes, 0, bytes.Length);
        }
    }
}
