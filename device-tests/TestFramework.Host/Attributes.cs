using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class whose test methods the launcher runs.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public class TestClassAttribute : Attribute
    {
        /// <summary>As in nanoFramework: lets a derived attribute substitute the method attribute.</summary>
        public virtual TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute) => testMethodAttribute;
    }

    /// <summary>Marks a public void method without parameters as a test.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class TestMethodAttribute : Attribute { }

    /// <summary>Runs once per class, before its tests (not before each test).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute { }

    /// <summary>Runs once per class, after its tests.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute { }

    /// <summary>One invocation of the method with these arguments.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            if (methodParameters == null || methodParameters.Length == 0)
            {
                throw new ArgumentException("DataRow needs at least one parameter");
            }

            MethodParameters = methodParameters;
        }

        public object[] MethodParameters { get; }
    }
}
