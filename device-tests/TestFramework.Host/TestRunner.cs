using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Runs the [TestClass] types of an assembly with the semantics of nanoFramework's UnitTestLauncher
    /// (nanoFramework.TestFramework source/UnitTestLauncher/Program.cs):
    /// per class, every [Setup] method once, then every [TestMethod], then every [DataRow] row, then
    /// every [Cleanup] once. Methods are called without a constructed instance: an instance method gets
    /// a fresh uninitialised object each call (no constructor, no field initialisers), so a test that
    /// keeps state in instance fields behaves here as it would on the device. A SkipTestException in
    /// Setup skips the whole class; any other Setup failure is reported and the tests still run. Reading a class's or
    /// method's attributes outside any try/catch, as the launcher does: when that fails, the launcher's Main ends and no
    /// further test runs (and the process exits 0), so this runner reports the failure and stops the run.
    /// Before running a device-test assembly (<see cref="RunDeviceAssembly"/>), it refuses what nanoFramework's
    /// MetadataProcessor would refuse or mis-encode (README.md beside this file): attribute arguments it cannot encode,
    /// and a string table past <see cref="MetadataProcessorStringTable.Allowed"/> bytes.
    /// </summary>
    public static class TestRunner
    {
        /// <summary>Runs the tests whose "Class.Method" contains <paramref name="filter"/> (all when null) writing to the console,
        /// ends with the line "<paramref name="label"/>: N passed, N failed, N skipped"; returns the process exit code (<see cref="Summary.ExitCode"/>).</summary>
        public static int Run(Assembly assembly, string filter, string label)
        {
            Summary summary = RunDeviceAssembly(assembly, filter, Console.Out);
            Console.WriteLine($"{label}: {summary.Passed} passed, {summary.Failed} failed, {summary.Skipped} skipped");
            return summary.ExitCode;
        }

        /// <summary>
        /// Checks <paramref name="assembly"/> as MetadataProcessor would build it and prints its string table figure; when
        /// it would not build, or would build attributes the device cannot read, prints each reason (one failure each) and
        /// runs no test; else runs the tests as <see cref="Run(Assembly, string, TextWriter)"/>.
        /// </summary>
        public static Summary RunDeviceAssembly(Assembly assembly, string filter, TextWriter output)
        {
            var refusals = new List<string>();
            foreach (string problem in MetadataProcessorAttributes.Unencodable(assembly))
            {
                refusals.Add(problem);
            }

            MetadataProcessorStringTable strings = MetadataProcessorStringTable.Of(assembly);
            string name = assembly.GetName().Name;
            output.WriteLine($"string table of {name}: {strings.Bytes:N0} bytes, {strings.Count:N0} strings (literals {strings.LiteralBytes:N0} bytes); "
                + $"MetadataProcessor's limit {MetadataProcessorStringTable.Limit:N0}, this runner allows {MetadataProcessorStringTable.Allowed:N0}");
            if (strings.Bytes > MetadataProcessorStringTable.Allowed)
            {
                refusals.Add($"{name}: string table of {strings.Bytes:N0} bytes is over the {MetadataProcessorStringTable.Allowed:N0} this runner allows "
                    + $"(MetadataProcessor fails past {MetadataProcessorStringTable.Limit:N0}: \"String table overflow\"); split the test assembly by concern");
            }

            if (refusals.Count == 0) return Run(assembly, filter, output);
            foreach (string refusal in refusals)
            {
                output.WriteLine("REFUSED " + refusal);
            }

            output.WriteLine($"{name}: the real toolchain would not build this assembly or would not run all of its tests; no test was run");
            return new Summary(0, refusals.Count, 0);
        }

        /// <summary>Runs the tests whose "Class.Method" contains <paramref name="filter"/> (all when null), one line per test to <paramref name="output"/>.</summary>
        public static Summary Run(Assembly assembly, string filter, TextWriter output)
        {
            var tally = new Tally(output);
            try
            {
                foreach (Type type in assembly.GetTypes())
                {
                    if (!type.IsClass) continue;
                    object[] classAttributes = AttributesOf(type, type.Name);
                    if (Array.Exists(classAttributes, a => a is TestClassAttribute) && ClassMatches(type, filter))
                    {
                        RunClass(type, filter, tally);
                    }
                }
            }
            catch (AttributeReadException e)
            {
                tally.Report("FAIL", e.Owner + " [attributes]", "reading its attributes failed (" + e.InnerException.GetType().Name + ": " + e.InnerException.Message + "). "
                    + "The real UnitTestLauncher reads attributes outside its try/catch (nanoFramework.TestFramework, source/UnitTestLauncher/Program.cs), "
                    + "so its Main ends there and no further test runs; this run stops too");
            }

            return new Summary(tally.Passed, tally.Failed, tally.Skipped);
        }

        private static object[] AttributesOf(MemberInfo member, string owner)
        {
            try
            {
                return member.GetCustomAttributes(true);
            }
            catch (Exception e)
            {
                throw new AttributeReadException(owner, e);
            }
        }

        private static bool ClassMatches(Type type, string filter)
        {
            if (filter == null) return true;
            foreach (MethodInfo m in TestMethods(type))
            {
                if ((type.Name + "." + m.Name).Contains(filter, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        private static MethodInfo[] TestMethods(Type type) =>
            type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);

        private static void RunClass(Type type, string filter, Tally tally)
        {
            MethodInfo[] methods = TestMethods(type);
            var attributes = new Dictionary<MethodInfo, object[]>();
            foreach (MethodInfo m in methods)
            {
                attributes[m] = AttributesOf(m, type.Name + "." + m.Name); // the launcher's first pass (Setup) reads every method's
            }

            foreach (MethodInfo m in methods)
            {
                if (!Array.Exists(attributes[m], a => a is SetupAttribute)) continue;
                Exception failure = Invoke(type, m, null, out _);
                if (failure is SkipTestException skip)
                {
                    foreach (MethodInfo t in methods)
                    {
                        if (IsTest(attributes[t])) tally.Report("SKIP", type.Name + "." + t.Name, skip.Message);
                    }

                    return;
                }

                if (failure != null) tally.Report("FAIL", type.Name + "." + m.Name + " [Setup]", Describe(failure));
            }

            foreach (MethodInfo m in methods)
            {
                object[] tests = Helper.RemoveTestMethodIfDataRowExists(attributes[m]);
                if (Array.Exists(tests, a => a is TestMethodAttribute)) RunOne(type, m, null, filter, tally);
            }

            foreach (MethodInfo m in methods)
            {
                foreach (object a in attributes[m])
                {
                    if (a is DataRowAttribute row) RunOne(type, m, row.MethodParameters, filter, tally);
                }
            }

            foreach (MethodInfo m in methods)
            {
                if (!Array.Exists(attributes[m], a => a is CleanupAttribute)) continue;
                Exception failure = Invoke(type, m, null, out _);
                if (failure != null) tally.Report("FAIL", type.Name + "." + m.Name + " [Cleanup]", Describe(failure));
            }
        }

        private static bool IsTest(object[] attributes) =>
            Array.Exists(attributes, a => a is TestMethodAttribute || a is DataRowAttribute);

        private static void RunOne(Type type, MethodInfo m, object[] args, string filter, Tally tally)
        {
            string name = type.Name + "." + m.Name;
            if (filter != null && !name.Contains(filter, StringComparison.Ordinal)) return;
            if (args != null) name += "(" + string.Join(", ", Array.ConvertAll(args, a => a?.ToString() ?? "null")) + ")";
            Exception failure = Invoke(type, m, args, out double ms);
            if (failure == null) tally.Report("PASS", name, $"{ms:F1} ms");
            else if (failure is SkipTestException) tally.Report("SKIP", name, failure.Message);
            else tally.Report("FAIL", name, Describe(failure));
        }

        private static Exception Invoke(Type type, MethodInfo m, object[] args, out double milliseconds)
        {
            object target = m.IsStatic ? null : RuntimeHelpers.GetUninitializedObject(type);
            var clock = Stopwatch.StartNew();
            try
            {
                m.Invoke(target, args);
                return null;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                return e.InnerException;
            }
            catch (Exception e)
            {
                return e;
            }
            finally
            {
                milliseconds = clock.Elapsed.TotalMilliseconds;
            }
        }

        private static string Describe(Exception e) =>
            e is TestFrameworkShared.AssertFailedException ? e.Message : e.GetType().FullName + ": " + e.Message + Environment.NewLine + e.StackTrace;

        /// <summary>Reading the attributes of <see cref="Owner"/> failed.</summary>
        private sealed class AttributeReadException : Exception
        {
            public AttributeReadException(string owner, Exception inner)
                : base(owner, inner)
            {
                Owner = owner;
            }

            public string Owner { get; }
        }

        /// <summary>Counts of a run.</summary>
        public sealed class Summary
        {
            public Summary(int passed, int failed, int skipped)
            {
                Passed = passed;
                Failed = failed;
                Skipped = skipped;
            }

            public int Passed { get; }

            public int Failed { get; }

            public int Skipped { get; }

            /// <summary>0 when nothing failed and something ran (passed or skipped), else 1.</summary>
            public int ExitCode => Failed == 0 && Passed + Skipped > 0 ? 0 : 1;
        }

        private sealed class Tally
        {
            private readonly TextWriter _output;

            public Tally(TextWriter output)
            {
                _output = output;
            }

            public int Passed;
            public int Failed;
            public int Skipped;

            public void Report(string verdict, string name, string detail)
            {
                if (verdict == "PASS") Passed++;
                else if (verdict == "SKIP") Skipped++;
                else Failed++;
                _output.WriteLine(verdict == "PASS" ? $"{verdict} {name} ({detail})" : $"{verdict} {name}: {detail}");
            }
        }
    }
}
