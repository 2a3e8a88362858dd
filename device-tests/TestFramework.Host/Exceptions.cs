using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by <see cref="Assert.SkipTest"/>; the launcher reports the test (or, from Setup, the class) as skipped.</summary>
    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception innerException = null) : base(message, innerException) { }
    }
}

namespace TestFrameworkShared
{
    /// <summary>Thrown by every failed assertion (nanoFramework keeps it in this namespace).</summary>
    public class AssertFailedException : Exception
    {
        public AssertFailedException() { }

        public AssertFailedException(string msg) : base(msg) { }

        public AssertFailedException(string msg, Exception ex) : base(msg, ex) { }
    }
}
