using System.Collections;
using NanoThing.Core.Json;
using NanoThing.DeviceTests.Support;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// The cloud side for long agent runs: reads what the agent published (from the rig's traffic) and answers as the
    /// Device Shadow service does: a GET with get/accepted (the reported state, the version, the clientToken), an
    /// update with update/accepted after merging state.reported into <see cref="Reported"/> (nested objects merged
    /// member by member, null deletes) and a new version. Keys are dotted paths ("faults.bme280"), values the JSON text.
    /// Only while the rig's session is connected; a message published on a dropped link is lost, as on a real broker.
    /// </summary>
    public sealed class ShadowServiceStandIn
    {
        public readonly Hashtable Reported = new Hashtable();
        public long Version = 1;
        public int Gets;
        public int Updates;
        public int Connects;

        /// <summary>The seq of every telemetry record received (on any non-shadow topic), in arrival order, duplicates included.</summary>
        public readonly ArrayList TelemetrySeqs = new ArrayList();
        private readonly JsonReader _reader = new JsonReader();

        /// <summary>
        /// Steps the rig's agent as <see cref="NanoThing.Core.Agent.AgentLoop"/> does (again at once when woken by a
        /// reply, else after the wait Step returned) up to <paramref name="untilMs"/>, answering all it sends.
        /// </summary>
        public void RunUntil(AgentRig rig, long untilMs)
        {
            while (rig.Clock.NowMs < untilMs)
            {
                int wakes = rig.Wakes.Count;
                int wait = rig.StepOnce();
                Answer(rig);
                if (rig.Wakes.Count == wakes)
                {
                    rig.Clock.NowMs += wait < 1 ? 1 : wait;
                }
            }
        }

        /// <summary>Answers everything the agent sent since the last call; returns the number of replies delivered.</summary>
        public int Answer(AgentRig rig)
        {
            string traffic = rig.Traffic.Take();
            int replies = 0;
            int start = 0;
            while (start < traffic.Length)
            {
                int end = traffic.IndexOf('\n', start);
                if (end < 0)
                {
                    end = traffic.Length;
                }

                replies += AnswerLine(rig, traffic.Substring(start, end - start));
                start = end + 1;
            }

            return replies;
        }

        /// <summary>The reported value at <paramref name="path"/> as JSON text, or "(absent)".</summary>
        public string Get(string path)
        {
            object value = Reported[path];
            return value == null ? "(absent)" : (string)value;
        }

        private int AnswerLine(AgentRig rig, string line)
        {
            if (line.StartsWith("CONNECT"))
            {
                Connects += rig.Session.Connected ? 1 : 0;
                return 0;
            }

            string prefix = "PUB q1 " + AgentRig.Root + "/";
            if (line.StartsWith("PUB q1 dt/") && rig.Session.Connected)
            {
                Support.TelemetrySeqs.Add(line, TelemetrySeqs);
                return 0;
            }

            if (!line.StartsWith(prefix) || !rig.Session.Connected)
            {
                return 0;
            }

            int space = line.IndexOf(' ', prefix.Length);
            string operation = line.Substring(prefix.Length, space - prefix.Length);
            byte[] payload = Text.Bytes(line.Substring(space + 1));
            _reader.Parse(payload, 0, payload.Length);
            string token;
            _reader.TryGetString(_reader.FindMember(_reader.Root, "clientToken"), out token);
            if (operation == "get")
            {
                Gets++;
                rig.Session.Deliver(AgentRig.Root + "/get/accepted", "{\"state\":{\"reported\":" + ReportedDocument() + "},\"version\":" + Version.ToString() + ",\"clientToken\":\"" + token + "\"}");
                return 1;
            }

            Updates++;
            Merge("", _reader.FindPath(_reader.Root, "state.reported"));
            Version++;
            rig.Session.Deliver(AgentRig.Root + "/update/accepted", "{\"state\":{},\"version\":" + Version.ToString() + ",\"clientToken\":\"" + token + "\"}");
            return 1;
        }

        private void Merge(string prefix, int obj)
        {
            for (int m = _reader.FirstMember(obj); m >= 0; m = _reader.NextMember(m))
            {
                string name;
                _reader.TryGetString(m, out name);
                string path = prefix + name;
                int value = _reader.MemberValue(m);
                JsonType type = _reader.TypeOf(value);
                if (type == JsonType.Object)
                {
                    Merge(path + ".", value);
                }
                else if (type == JsonType.Null)
                {
                    Remove(path);
                }
                else
                {
                    Reported[path] = Text.Of(_reader.Buffer, value, _reader.ValueLength(value));
                }
            }
        }

        private void Remove(string path)
        {
            ArrayList doomed = new ArrayList();
            foreach (object key in Reported.Keys)
            {
                string k = (string)key;
                if (k == path || k.StartsWith(path + "."))
                {
                    doomed.Add(k);
                }
            }

            for (int i = 0; i < doomed.Count; i++)
            {
                Reported.Remove(doomed[i]);
            }
        }

        // Flat top-level values only: enough for the agent, which reads nothing but the errors object back.
        private string ReportedDocument()
        {
            string json = "{";
            foreach (object key in Reported.Keys)
            {
                string k = (string)key;
                if (k.IndexOf('.') < 0)
                {
                    json += (json.Length > 1 ? "," : "") + "\"" + k + "\":" + (string)Reported[key];
                }
            }

            return json + "}";
        }
    }
}
