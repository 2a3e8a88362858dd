using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Writes to the test output, as on the device (Console).</summary>
    public static class OutputHelper
    {
        public static void Write(string message) => Console.Write(message);

        public static void WriteLine(string message) => Console.WriteLine(message);
    }

    public static class TestExtensions
    {
        /// <summary>True when both arrays have the same length and equal elements in order.</summary>
        public static bool SequenceEqual(this Array a, Array b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!Equals(a.GetValue(i), b.GetValue(i)))
                {
                    return false;
                }
            }

            return true;
        }
    }

    public static class Helper
    {
        /// <summary>As in nanoFramework: a method with [DataRow] runs only its rows, so [TestMethod] is dropped.</summary>
        public static object[] RemoveTestMethodIfDataRowExists(object[] attribs)
        {
            bool hasDataRow = false;
            foreach (object a in attribs)
            {
                hasDataRow |= a is DataRowAttribute;
            }

            if (!hasDataRow)
            {
                return attribs;
            }

            var kept = new System.Collections.ArrayList();
            foreach (object a in attribs)
            {
                if (!(a is TestMethodAttribute))
                {
                    kept.Add(a);
                }
            }

            return kept.ToArray();
        }
    }
}
