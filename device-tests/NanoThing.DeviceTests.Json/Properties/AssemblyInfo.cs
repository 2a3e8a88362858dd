using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("NanoThing.Core unit tests, JsonReader and JsonWriter: grammar, escapes, limits, fuzz, allocation (nanoFramework.TestFramework; emulator, board, or the host runner)")]
[assembly: AssemblyProduct("NanoThing")]
[assembly: AssemblyVersion("0.1.0.0")]
