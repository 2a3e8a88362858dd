namespace NanoThing.Mqtt.Tests.Support;

/// <summary>Golden bytes written as spaced hex ("10 13 00 04") so a test reads like the spec's tables.</summary>
internal static class Hex
{
    public static byte[] Bytes(string spaced) => Convert.FromHexString(spaced.Replace(" ", ""));

    public static string Of(byte[] bytes) => Convert.ToHexString(bytes).Chunk(2).Aggregate("", (s, c) => s.Length == 0 ? new string(c) : s + " " + new string(c));
}
