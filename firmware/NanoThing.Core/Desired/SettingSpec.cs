using NanoThing.Core.Json;

namespace NanoThing.Core.Desired
{
    /// <summary>The JSON shape of a setting's value.</summary>
    public enum SettingKind
    {
        /// <summary>true or false (stored as 1 or 0).</summary>
        Boolean = 0,
        /// <summary>An integer token (no fraction, no exponent).</summary>
        Integer = 1,
        /// <summary>A number with at most two decimals (stored in hundredths).</summary>
        Centi = 2,
    }

    /// <summary>
    /// One setting's name, kind and allowed range, and the rule that explains it. Shared by the desired-state
    /// table and the device config file so that both validate, and word their errors, the same way.
    /// Immutable; <see cref="TryRead"/> never throws.
    /// </summary>
    public sealed class SettingSpec
    {
        /// <summary>The JSON member name (e.g. "reportIntervalSeconds").</summary>
        public readonly string Name;

        /// <summary>The JSON shape of the value.</summary>
        public readonly SettingKind Kind;

        /// <summary>Smallest allowed value (hundredths for <see cref="SettingKind.Centi"/>).</summary>
        public readonly int Min;

        /// <summary>Largest allowed value (hundredths for <see cref="SettingKind.Centi"/>).</summary>
        public readonly int Max;

        /// <summary>What a valid value looks like, e.g. "must be an integer from 5 to 86400".</summary>
        public readonly string Rule;

        /// <summary>A spec whose rule text says what a valid value is (e.g. what 0 means), phrased "must be ...".</summary>
        public SettingSpec(string name, SettingKind kind, int min, int max, string rule)
        {
            Name = name;
            Kind = kind;
            Min = min;
            Max = max;
            Rule = rule;
        }

        /// <summary>A spec; the rule text is derived from the kind and range.</summary>
        public SettingSpec(string name, SettingKind kind, int min, int max)
        {
            Name = name;
            Kind = kind;
            Min = min;
            Max = max;
            if (kind == SettingKind.Boolean)
            {
                Rule = "must be true or false";
            }
            else if (kind == SettingKind.Integer)
            {
                Rule = "must be an integer from " + min.ToString() + " to " + max.ToString();
            }
            else
            {
                Rule = "must be a number from " + CentiText(min) + " to " + CentiText(max) + " with at most 2 decimals";
            }
        }

        /// <summary>True and the stored form (1/0, the integer, or hundredths) when the value at <paramref name="value"/> obeys the rule.</summary>
        public bool TryRead(JsonReader reader, int value, out int result)
        {
            result = 0;
            if (Kind == SettingKind.Boolean)
            {
                bool b;
                if (!reader.TryGetBool(value, out b))
                {
                    return false;
                }

                result = b ? 1 : 0;
                return true;
            }

            bool ok = Kind == SettingKind.Integer ? reader.TryGetInt(value, out result) : CentiValue.TryRead(reader, value, out result);
            if (!ok || result < Min || result > Max)
            {
                result = 0;
                return false;
            }

            return true;
        }

        /// <summary>Writes <paramref name="stored"/> as this setting's JSON value.</summary>
        public void WriteValue(JsonWriter writer, int stored)
        {
            if (Kind == SettingKind.Boolean)
            {
                writer.Bool(stored != 0);
            }
            else if (Kind == SettingKind.Integer)
            {
                writer.Number(stored);
            }
            else
            {
                CentiValue.Write(writer, stored);
            }
        }

        private static string CentiText(int centi)
        {
            int whole = centi / 100;
            int fraction = centi % 100;
            if (fraction == 0)
            {
                return whole.ToString();
            }

            return whole.ToString() + "." + (fraction < 10 ? "0" : "") + fraction.ToString();
        }
    }
}
