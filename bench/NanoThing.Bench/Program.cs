using NanoThing.Bench;
using NanoThing.Bench.Figures;

// bench/run.sh [--smoke] [--only cycle,air,roundtrip,boot,scale] [--out file.md]
// A child mode runs the stand-in (broker + shadow service) in a process of its own (StandIn/StandInProcess).
if (args.Length > 0 && args[0] == NanoThing.Bench.StandIn.StandInProcess.ChildVerb)
{
    return await NanoThing.Bench.StandIn.StandInProcess.RunChildAsync(args[1..]);
}

bool smoke = args.Contains("--smoke");
string? only = ArgumentAfter("--only");
string? output = ArgumentAfter("--out");
var options = new BenchOptions(smoke) { Only = only?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [] };
IReadOnlyList<BenchSection> sections = await BenchRunner.RunAsync(options);
string report = BenchRunner.ToMarkdown(sections, options);
Console.Write(report);
if (output is not null)
{
    File.WriteAllText(output, report);
}

return sections.Any(section => section.Failure is not null) ? 1 : 0;

string? ArgumentAfter(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
