return NanoThing.Cli.NanoThingCli.Run(args, NanoThing.Cli.Execution.CliContext.FromProcess());
