using Repro.Cli;

return await CliApp.RunAsync(args);
