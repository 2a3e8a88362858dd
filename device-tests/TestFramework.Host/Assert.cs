using System;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assertions of nanoFramework.TestFramework 3.0.80 with the same overloads (no generic
    /// AreEqual&lt;T&gt;, no delta for floating point: doubles compare with Equals, as on the device).
    /// Every failure throws <see cref="AssertFailedException"/>.
    /// </summary>
    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual)) Fail("AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual)) Fail("AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>.", message);
        }

        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual)) Fail("AreSame", "Expected the same instance.", message);
        }

        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (ReferenceEquals(notExpected, actual)) Fail("AreNotSame", "Expected different instances.", message);
        }

        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition) Fail("IsTrue", "Condition is false.", message);
        }

        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition) Fail("IsFalse", "Condition is true.", message);
        }

        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null) Fail("IsNull", $"Expected null. Actual:<{Show(value)}>.", message);
        }

        public static void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null) Fail("IsNotNull", "Value is null.", message);
        }

        public static void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || !expected.IsInstanceOfType(value)) Fail("IsInstanceOfType", $"Expected type:<{expected}>. Actual:<{value?.GetType()}>.", message);
        }

        public static void IsNotInstanceOfType(object value, Type notExpected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected.IsInstanceOfType(value)) Fail("IsNotInstanceOfType", $"Wrong type:<{notExpected}>.", message);
        }

        public static void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || value.IndexOf(expected, StringComparison.Ordinal) < 0) Fail("Contains", $"<{expected}> not found in <{value}>.", message);
        }

        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected != null && value.IndexOf(notExpected, StringComparison.Ordinal) >= 0) Fail("DoesNotContains", $"<{notExpected}> found in <{value}>.", message);
        }

        public static void StartsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || !value.StartsWith(expected, StringComparison.Ordinal)) Fail("StartsWith", $"<{value}> does not start with <{expected}>.", message);
        }

        public static void EndsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || !value.EndsWith(expected, StringComparison.Ordinal)) Fail("EndsWith", $"<{value}> does not end with <{expected}>.", message);
        }

        /// <summary>Passes only when <paramref name="action"/> throws exactly <paramref name="exception"/> (a derived type fails), as on the device.</summary>
        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() != exception) Fail("ThrowsException", $"Expected exception:<{exception}>. Actual:<{ex.GetType()}>: {ex.Message}", message);
                return;
            }

            Fail("ThrowsException", $"Expected exception:<{exception}>. None was thrown.", message);
        }

        public static void SkipTest(string message = null) => throw new SkipTestException(message);

        private static bool Same(object expected, object actual) => expected == null ? actual == null : expected.Equals(actual);

        private static string Show(object value) => value == null ? "(null)" : value.ToString();

        private static void Fail(string assertion, string detail, string message) =>
            throw new AssertFailedException($"Assert.{assertion} failed. {detail} {message}".TrimEnd());
    }

    /// <summary>Collection assertions of nanoFramework.TestFramework.</summary>
    public sealed class CollectionAssert
    {
        public static void Empty(System.Collections.ICollection collection, [CallerArgumentExpression(nameof(collection))] string message = "")
        {
            if (collection == null || collection.Count != 0) throw new AssertFailedException($"CollectionAssert.Empty failed. {message}".TrimEnd());
        }

        public static void NotEmpty(System.Collections.ICollection collection, [CallerArgumentExpression(nameof(collection))] string message = "")
        {
            if (collection == null || collection.Count == 0) throw new AssertFailedException($"CollectionAssert.NotEmpty failed. {message}".TrimEnd());
        }

        public static void AreEqual(System.Collections.ICollection expected, System.Collections.ICollection actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!SameItems(expected, actual)) throw new AssertFailedException($"CollectionAssert.AreEqual failed. {message}".TrimEnd());
        }

        public static void AreNotEqual(System.Collections.ICollection notExpected, System.Collections.ICollection actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (SameItems(notExpected, actual)) throw new AssertFailedException($"CollectionAssert.AreNotEqual failed. {message}".TrimEnd());
        }

        private static bool SameItems(System.Collections.ICollection a, System.Collections.ICollection b)
        {
            if (a == null || b == null) return a == b;
            if (a.Count != b.Count) return false;
            var ea = a.GetEnumerator();
            var eb = b.GetEnumerator();
            while (ea.MoveNext() && eb.MoveNext())
            {
                if (!Equals(ea.Current, eb.Current)) return false;
            }

            return true;
        }
    }
}
