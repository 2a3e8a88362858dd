namespace NanoThing.Core.Json
{
    /// <summary>
    /// Numbers kept in hundredths (0.01 degC, 0.01 %RH, 0.01 hPa, threshold settings) written and read as JSON
    /// numbers in their shortest decimal form: 2508 -> 25.08, 250 -> 2.5, 200 -> 2. The shortest form matters for
    /// settings: a desired 2.5 must be reported back as 2.5 (not 2.50) for the shadow's delta to clear.
    /// </summary>
    public static class CentiValue
    {
        /// <summary>Writes <paramref name="centi"/> / 100 with the fewest decimals (0, 1 or 2) that represent it exactly.</summary>
        public static void Write(JsonWriter writer, int centi)
        {
            int decimals = centi % 100 == 0 ? 0 : (centi % 10 == 0 ? 1 : 2);
            writer.Number(centi / 100.0, decimals);
        }

        /// <summary>Writes the member <paramref name="name"/> with <paramref name="centi"/> / 100 (see <see cref="Write"/>).</summary>
        public static void WriteProperty(JsonWriter writer, string name, int centi)
        {
            writer.Name(name);
            Write(writer, centi);
        }

        /// <summary>
        /// True and the value in hundredths when the number at <paramref name="value"/> has at most two decimals and
        /// lies within int range; false for other kinds, more decimals (0.125) or out-of-range magnitudes.
        /// </summary>
        public static bool TryRead(JsonReader reader, int value, out int centi)
        {
            centi = 0;
            double d;
            if (!reader.TryGetDouble(value, out d))
            {
                return false;
            }

            double scaled = d * 100.0;
            if (scaled > 2000000000.0 || scaled < -2000000000.0)
            {
                return false;
            }

            long rounded = (long)(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
            double error = scaled - rounded;
            if (error > 1e-6 || error < -1e-6)
            {
                return false;
            }

            centi = (int)rounded;
            return true;
        }
    }
}
