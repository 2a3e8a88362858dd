using System.Collections;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>The seqs of a telemetry message's records, as the cloud would deduplicate by them.</summary>
    public static class TelemetrySeqs
    {
        /// <summary>Adds (as longs, in order) the value of every "seq" member of <paramref name="json"/> to <paramref name="into"/>.</summary>
        public static void Add(string json, ArrayList into)
        {
            int at = 0;
            while (true)
            {
                at = json.IndexOf("\"seq\":", at);
                if (at < 0)
                {
                    return;
                }

                at += 6;
                int end = json.IndexOf(',', at);
                into.Add(long.Parse(json.Substring(at, end - at)));
            }
        }
    }
}
