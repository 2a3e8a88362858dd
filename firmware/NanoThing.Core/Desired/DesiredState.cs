using System.Collections;
using NanoThing.Core.Json;
using NanoThing.Core.Runtime;

namespace NanoThing.Core.Desired
{
    /// <summary>
    /// Applies the shadow's desired state to <see cref="DeviceSettings"/> and says what to report back.
    /// <para>
    /// <see cref="Apply"/> takes a delta's <c>state</c> object (AWS sends every desired key that differs from the
    /// reported state, not only the ones just changed) and treats each member on its own, all or nothing: a known
    /// key with a valid value is applied and its value is reported back (so the delta clears); a known key with a
    /// bad value, or an unknown key, changes nothing and is answered in the reported <c>errors</c> object, named
    /// with the reason (<c>"errors":{"led":"must be true or false"}</c>). Errors that are no longer in the latest
    /// delta are cleared by reporting them as null. Never throws; no allocation unless a delta has unknown keys.
    /// </para>
    /// <para>
    /// Reporting: <see cref="WritePending"/> (changes only) or <see cref="WriteAll"/> (the first report after a
    /// connect) write members into the caller's open <c>reported</c> object; <see cref="OnReportAccepted"/> after
    /// update/accepted marks what was written as reported; a rejected or lost report is simply written again.
    /// One report in flight at a time. Not thread-safe: owned by the agent's thread.
    /// </para>
    /// </summary>
    public sealed class DesiredState
    {
        /// <summary>Most unknown keys named in <c>errors</c>; further ones in the same delta are not named.</summary>
        public const int MaxUnknownKeys = 8;

        /// <summary>Longest unknown key name repeated in <c>errors</c>; longer names are cut to this length.</summary>
        public const int MaxKeyNameLength = 64;

        /// <summary>The member of the reported state that holds the errors (a static field: in nanoCLR every ldstr creates a string).</summary>
        public static readonly string ErrorsName = "errors";

        private const int Count = DeviceSettings.DesiredKeyCount;

        private readonly DeviceSettings _settings;
        private readonly string _unknownKeyReason = BuildUnknownKeyReason();
        private readonly int[] _appliedSeq = new int[Count];
        private readonly int[] _sentSeq = new int[Count];
        private readonly int[] _reportedSeq = new int[Count];
        private readonly string[] _error = StringArray.Create(Count);
        private readonly string[] _sentError = StringArray.Create(Count);
        private readonly string[] _reportedError = StringArray.Create(Count);
        private readonly ArrayList _unknown = new ArrayList();
        private readonly ArrayList _sentUnknown = new ArrayList();
        private readonly ArrayList _reportedUnknown = new ArrayList();
        private bool _sent;

        /// <summary>A desired-state table over <paramref name="settings"/> (shared with the reporting policy and the LED).</summary>
        public DesiredState(DeviceSettings settings)
        {
            _settings = settings;
        }

        /// <summary>
        /// The reason given for an unknown key ("unknown key; settable keys are led, ..."). Built per instance, not in
        /// a static initialiser: it reads <see cref="DeviceSettings.Specs"/>, and a static field initialised from
        /// another class's static field can come up null on devices (nanoframework/Home#1156).
        /// </summary>
        public string UnknownKeyReason { get { return _unknownKeyReason; } }

        /// <summary>The settings this table changes.</summary>
        public DeviceSettings Settings { get { return _settings; } }

        /// <summary>Number of keys in error after the last <see cref="Apply"/> (known keys with bad values plus named unknown keys).</summary>
        public int ErrorCount
        {
            get
            {
                int n = _unknown.Count;
                for (int i = 0; i < Count; i++)
                {
                    if (_error[i] != null)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>The current error for the setting called <paramref name="name"/> (known or unknown key), or null.</summary>
        public string ErrorOf(string name)
        {
            int key = DeviceSettings.IndexOf(name, Count);
            if (key >= 0)
            {
                return _error[key];
            }

            return _unknown.Contains(name) ? _unknownKeyReason : null;
        }

        /// <summary>
        /// Applies the members of the object at <paramref name="state"/> in <paramref name="reader"/> (a delta's
        /// <c>state</c>, or a get/accepted <c>state.delta</c>; when the shadow has no delta, <see cref="ClearErrors"/> instead).
        /// Each known key with a valid value is applied and marked to be reported; every other member becomes an
        /// error; errors of keys absent from this delta are cleared. With duplicate names the last one counts.
        /// Returns the number of keys applied.
        /// </summary>
        public int Apply(JsonReader reader, int state)
        {
            ClearErrors(); // this delta names every key still in error
            int applied = 0;
            for (int m = reader.FirstMember(state); m >= 0; m = reader.NextMember(m))
            {
                int value = reader.MemberValue(m);
                int key = KeyOf(reader, m);
                if (key < 0)
                {
                    AddUnknown(reader, m);
                    continue;
                }

                SettingSpec spec = DeviceSettings.Specs[key];
                if (reader.FindMember(state, spec.Name) != value)
                {
                    continue;
                }

                int stored;
                if (spec.TryRead(reader, value, out stored) && _settings.TrySet(key, stored))
                {
                    _appliedSeq[key]++;
                    applied++;
                }
                else
                {
                    _error[key] = spec.Rule;
                }
            }

            return applied;
        }

        /// <summary>
        /// Tells the table which error names the shadow's reported state holds now (the <c>state.reported.errors</c>
        /// object of a get/accepted, or -1 for none), e.g. after a restart: those that are not current errors are
        /// cleared by the next report.
        /// </summary>
        public void NoteReportedErrors(JsonReader reader, int errors)
        {
            for (int i = 0; i < Count; i++)
            {
                _reportedError[i] = null;
            }

            _reportedUnknown.Clear();
            for (int m = reader.FirstMember(errors); m >= 0; m = reader.NextMember(m))
            {
                int key = KeyOf(reader, m);
                if (key >= 0)
                {
                    string reason;
                    _reportedError[key] = reader.TryGetString(reader.MemberValue(m), out reason) ? reason : "";
                }
                else if (_reportedUnknown.Count < MaxUnknownKeys)
                {
                    string name = NameOf(reader, m);
                    if (!_reportedUnknown.Contains(name))
                    {
                        _reportedUnknown.Add(name);
                    }
                }
            }
        }

        /// <summary>
        /// Forgets every current error (bad values of known keys and unknown keys alike) without touching any setting:
        /// the next report deletes from the shadow's <c>errors</c> each name the shadow holds (null) and names no new
        /// one. For a shadow whose desired and reported states agree (no delta: nothing is in error any more), and for
        /// a report the shadow refused for good (400/413), which must not be sent again with the unknown key names the
        /// cloud supplied (names it accepted before are only deleted).
        /// </summary>
        public void ClearErrors()
        {
            for (int i = 0; i < Count; i++)
            {
                _error[i] = null;
            }

            _unknown.Clear();
        }

        /// <summary>True when applied values or error changes wait to be reported.</summary>
        public bool HasPendingReport
        {
            get
            {
                for (int i = 0; i < Count; i++)
                {
                    if (_appliedSeq[i] != _reportedSeq[i] || _error[i] != _reportedError[i])
                    {
                        return true;
                    }
                }

                return !SameNames(_unknown, _reportedUnknown);
            }
        }

        /// <summary>Writes, into the open reported object, the values applied since the last accepted report and the changes of <c>errors</c>.</summary>
        public void WritePending(JsonWriter writer)
        {
            Write(writer, false);
        }

        /// <summary>Writes every desired setting's current value and the whole <c>errors</c> picture (current errors, and null for stale ones).</summary>
        public void WriteAll(JsonWriter writer)
        {
            Write(writer, true);
        }

        /// <summary>The last written report was accepted (update/accepted with its clientToken).</summary>
        public void OnReportAccepted()
        {
            if (!_sent)
            {
                return;
            }

            _sent = false;
            for (int i = 0; i < Count; i++)
            {
                _reportedSeq[i] = _sentSeq[i];
                _reportedError[i] = _sentError[i];
            }

            CopyNames(_sentUnknown, _reportedUnknown);
        }

        private void Write(JsonWriter writer, bool all)
        {
            for (int i = 0; i < Count; i++)
            {
                _sentSeq[i] = _appliedSeq[i];
                _sentError[i] = _error[i];
                if (all || _appliedSeq[i] != _reportedSeq[i])
                {
                    writer.Name(DeviceSettings.Specs[i].Name);
                    DeviceSettings.Specs[i].WriteValue(writer, _settings.Get(i));
                }
            }

            CopyNames(_unknown, _sentUnknown);
            _sent = true;
            bool open = false;
            for (int i = 0; i < Count; i++)
            {
                if (_error[i] != null && (all || _error[i] != _reportedError[i]))
                {
                    open = OpenErrors(writer, open);
                    writer.Property(DeviceSettings.Specs[i].Name, _error[i]);
                }
                else if (_error[i] == null && _reportedError[i] != null)
                {
                    open = OpenErrors(writer, open);
                    writer.PropertyNull(DeviceSettings.Specs[i].Name);
                }
            }

            for (int i = 0; i < _unknown.Count; i++)
            {
                string name = (string)_unknown[i];
                if (all || !_reportedUnknown.Contains(name))
                {
                    open = OpenErrors(writer, open);
                    writer.Property(name, _unknownKeyReason);
                }
            }

            for (int i = 0; i < _reportedUnknown.Count; i++)
            {
                string name = (string)_reportedUnknown[i];
                if (!_unknown.Contains(name))
                {
                    open = OpenErrors(writer, open);
                    writer.PropertyNull(name);
                }
            }

            if (open)
            {
                writer.EndObject();
            }
        }

        private static bool OpenErrors(JsonWriter writer, bool open)
        {
            if (!open)
            {
                writer.Name(ErrorsName);
                writer.BeginObject();
            }

            return true;
        }

        private static int KeyOf(JsonReader reader, int member)
        {
            for (int i = 0; i < Count; i++)
            {
                if (reader.NameEquals(member, DeviceSettings.Specs[i].Name))
                {
                    return i;
                }
            }

            return -1;
        }

        private void AddUnknown(JsonReader reader, int member)
        {
            if (_unknown.Count >= MaxUnknownKeys)
            {
                return;
            }

            string name = NameOf(reader, member);
            if (!_unknown.Contains(name))
            {
                _unknown.Add(name);
            }
        }

        /// <summary>The member's name, cut to <see cref="MaxKeyNameLength"/> characters (checked on the raw length first so a huge name is never copied whole).</summary>
        private static string NameOf(JsonReader reader, int member)
        {
            string name;
            if (reader.ValueLength(member) > 6 * MaxKeyNameLength + 2 || !reader.TryGetString(member, out name))
            {
                return "(name too long)";
            }

            return name.Length > MaxKeyNameLength ? name.Substring(0, MaxKeyNameLength) : name;
        }

        private static bool SameNames(ArrayList a, ArrayList b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (!b.Contains(a[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static void CopyNames(ArrayList from, ArrayList to)
        {
            to.Clear();
            for (int i = 0; i < from.Count; i++)
            {
                to.Add(from[i]);
            }
        }

        private static string BuildUnknownKeyReason()
        {
            string reason = "unknown key; settable keys are";
            for (int i = 0; i < Count; i++)
            {
                reason += (i == 0 ? " " : ", ") + DeviceSettings.Specs[i].Name;
            }

            return reason;
        }
    }
}
