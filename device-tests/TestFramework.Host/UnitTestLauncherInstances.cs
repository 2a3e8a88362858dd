using System;
using System.Collections.Generic;
using System.Reflection;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The real UnitTestLauncher calls every test, Setup and Cleanup method with no instance
    /// (nanoFramework.TestFramework d4fa55e, source/UnitTestLauncher/Program.cs line 84: <c>method.Invoke(null, parameters)</c>).
    /// In nanoCLR an instance method then runs with <c>this == null</c>: it works until it reads or writes an instance
    /// field (also through a helper, an auto-property or a field initialiser), which throws NullReferenceException
    /// (observed in the real nanoCLR). .NET cannot invoke an instance method on null, so instead of imitating it this runner
    /// refuses a [TestClass] that declares instance fields: its tests would pass here and fail on the device.
    /// </summary>
    internal static class UnitTestLauncherInstances
    {
        /// <summary>One sentence per instance field of a [TestClass] type in <paramref name="assembly"/>, naming it and the fix.</summary>
        public static IEnumerable<string> InstanceFields(Assembly assembly)
        {
            foreach (Type type in assembly.GetTypes())
            {
                if (!type.IsClass || !IsTestClass(type)) continue;
                foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    yield return $"{type.Name}.{field.Name}: an instance field of a [TestClass]; the real UnitTestLauncher calls test methods "
                        + "with no instance (method.Invoke(null, ...)), so reading or writing it throws NullReferenceException on the device; "
                        + "make it static (Setup and Cleanup run once per class)";
                }
            }
        }

        // CustomAttributeData, not GetCustomAttributes: reading attribute values may throw for the rows refused elsewhere
        private static bool IsTestClass(Type type)
        {
            foreach (CustomAttributeData attribute in type.GetCustomAttributesData())
            {
                if (attribute.AttributeType == typeof(TestClassAttribute)) return true;
            }

            return false;
        }
    }
}
