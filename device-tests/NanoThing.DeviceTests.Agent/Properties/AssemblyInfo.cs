using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("NanoThing.Core unit tests, the agent: loop, inbox, connection supervisor, reconnect backoff, restarts, a simulated day, fuzz (nanoFramework.TestFramework; emulator, board, or the host runner)")]
[assembly: AssemblyProduct("NanoThing")]
[assembly: AssemblyVersion("0.1.0.0")]
