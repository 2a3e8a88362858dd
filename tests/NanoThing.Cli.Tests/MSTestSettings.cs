[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel)]
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
