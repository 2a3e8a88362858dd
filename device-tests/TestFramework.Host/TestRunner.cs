using System;
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
    /// Setup skips the whole class; any other Setup failure is reported and the tests still run.
    /// </summary>
    public static class TestRunner
    {
        /// <summary>Runs the tests whose "Class.Method" contains <paramref name="filter"/> (all when null) writing to the console,
        /// ends with the line "<paramref name="label"/>: N passed, N failed, N skipped"; returns the process exit code (<see cref="Summary.ExitCode"/>).</summary>
        public static int Run(Assembly assembly, string filter, string label)
        {
            Summary summary = Run(assembly, filter, Console.Out);
            Console.WriteLine($"{label}: {summary.Passed} passed, {summary.Failed} failed, {summary.Skipped} skipped");
            return summary.ExitCode;
        }

        /// <summary>Runs the tests whose "Class.Method" contains <paramref name="filter"/> (all when null), one line per test to <paramref name="output"/>.</summary>
        public static Summary Run(Assembly assembly, string filter, TextWriter output)
        {
            var tally = new Tally(output);
            foreach (Type type in assembly.GetTypes())
            {
                if (type.GetCustomAttribute<TestClassAttribute>() != null && ClassMatches(type, filter))
                {
                    RunClass(type, filter, tally);
                }
            }

            return new Summary(tally.Passed, tally.Failed, tally.Skipped);
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
            foreach (MethodInfo m in methods)
            {
                if (m.GetCustomAttribute<SetupAttribute>() == null) continue;
                Exception failure = Invoke(type, m, null, out _);
                if (failure is SkipTestException skip)
                {
                    foreach (MethodInfo t in methods)
                    {
                        if (IsTest(t)) tally.Report("SKIP", type.Name + "." + t.Name, skip.Message);
                    }

                    return;
                }

                if (failure != null) tally.Report("FAIL", type.Name + "." + m.Name + " [Setup]", Describe(failure));
            }

            foreach (MethodInfo m in methods)
            {
                object[] attributes = Helper.RemoveTestMethodIfDataRowExists(m.GetCustomAttributes(true));
                if (Array.Exists(attributes, a => a is TestMethodAttribute)) RunOne(type, m, null, filter, tally);
            }

            foreach (MethodInfo m in methods)
            {
                foreach (DataRowAttribute row in m.GetCustomAttributes<DataRowAttribute>())
                {
                    RunOne(type, m, row.MethodParameters, filter, tally);
                }
            }

            foreach (MethodInfo m in methods)
            {
                if (m.GetCustomAttribute<CleanupAttribute>() == null) continue;
                Exception failure = Invoke(type, m, null, out _);
                if (failure != null) tally.Report("FAIL", type.Name + "." + m.Name + " [Cleanup]", Describe(failure));
            }
        }

        private static bool IsTest(MethodInfo m) =>
            m.GetCustomAttribute<TestMethodAttribute>() != null || m.GetCustomAttribute<DataRowAttribute>() != null;

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
