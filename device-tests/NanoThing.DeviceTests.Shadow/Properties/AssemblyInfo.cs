using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("NanoThing.Core unit tests, the Device Shadow client: topics, requests, responses, client tokens, the MQTT exchange (nanoFramework.TestFramework; emulator, board, or the host runner)")]
[assembly: AssemblyProduct("NanoThing")]
[assembly: AssemblyVersion("0.1.0.0")]
