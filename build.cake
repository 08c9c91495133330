// Build script: dotnet tool restore && dotnet cake [--target=Test] [--configuration=Debug] [--profile=quick]

//////////////////////////////////////////////////////////////////////
// ARGUMENTS
//////////////////////////////////////////////////////////////////////

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Debug");
var profile = Argument("profile", "quick");

var solution = "./Repro.sln";
var cli = "./src/Cli/Repro.Cli.csproj";
var testResults = "./artifacts/test-results";

//////////////////////////////////////////////////////////////////////
// SETUP / TEARDOWN
//////////////////////////////////////////////////////////////////////

Setup(ctx =>
{
    Information("Target: {0}, configuration: {1}, profile: {2}", target, configuration, profile);
});

Teardown(ctx =>
{
    Information("Finished {0}.", target);
});

//////////////////////////////////////////////////////////////////////
// TASKS
//////////////////////////////////////////////////////////////////////

Task("Clean")
    .Description("Removes build outputs and test results (not the data cache).")
    .Does(() =>
{
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration });
    CleanDirectory(testResults);
});

Task("Restore")
    .Description("Restores NuGet packages.")
    .Does(() =>
{
    DotNetRestore(solution);
});

Task("Build")
    .Description("Builds the solution.")
    .IsDependentOn("Restore")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoRestore = true,
    });
});

Task("Test")
    .Description("Runs every test (dotnet test Repro.sln); TRX files go to artifacts/test-results.")
    .IsDependentOn("Build")
    .Does(() =>
{
    // dotnet test runs on Microsoft.Testing.Platform (global.json), whose options (--report-xunit-trx) Cake's
    // DotNetTest, written for VSTest loggers, does not pass; the command is spelled out instead.
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder()
            .Append("test").AppendQuoted(solution)
            .Append("--configuration").Append(configuration)
            .Append("--no-build").Append("--no-restore")
            .Append("--report-xunit-trx").Append("--results-directory").AppendQuoted(testResults),
    });
    if (exit != 0) throw new CakeException($"dotnet test failed with exit code {exit}.");
});

Task("FetchData")
    .Description("Fetches and verifies MNIST and Fashion-MNIST into artifacts/data.")
    .Does(() =>
{
    DotNetRun(cli, new ProcessArgumentBuilder().Append("data").Append("fetch").Append("all"), new DotNetRunSettings
    {
        Configuration = configuration,
    });
});

Task("Reproduce")
    .Description("Runs every claim with --profile <profile> (Release build).")
    .Does(() =>
{
    DotNetRun(cli, new ProcessArgumentBuilder().Append("reproduce").Append("--profile").Append(profile), new DotNetRunSettings
    {
        Configuration = "Release",
    });
});

Task("Report")
    .Description("Builds the PDF report from the result records.")
    .Does(() =>
{
    DotNetRun(cli, new ProcessArgumentBuilder().Append("report"), new DotNetRunSettings
    {
        Configuration = configuration,
    });
});

//////////////////////////////////////////////////////////////////////
// TARGETS
//////////////////////////////////////////////////////////////////////

Task("Default")
    .IsDependentOn("Test");

//////////////////////////////////////////////////////////////////////
// EXECUTION
//////////////////////////////////////////////////////////////////////

RunTarget(target);
