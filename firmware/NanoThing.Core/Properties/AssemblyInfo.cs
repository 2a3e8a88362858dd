using System.Reflection;

[assembly: AssemblyTitle("NanoThing.Core")]
[assembly: AssemblyDescription("NanoThing's device logic: Device Shadow client, desired state, reporting, sensors")]
[assembly: AssemblyProduct("NanoThing")]
[assembly: AssemblyVersion("0.1.0.0")]
