using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("NanoThing.Core unit tests, desired and reported state: device settings, the reporting policy, the allocation-free steady state (nanoFramework.TestFramework; emulator, board, or the host runner)")]
[assembly: AssemblyProduct("NanoThing")]
[assembly: AssemblyVersion("0.1.0.0")]
