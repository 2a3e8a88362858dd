using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("NanoThing.Core unit tests, the board: BME280 driver and compensation, button, LED, device config; TestFramework semantics (nanoFramework.TestFramework; emulator, board, or the host runner)")]
[assembly: AssemblyProduct("NanoThing")]
[assembly: AssemblyVersion("0.1.0.0")]
