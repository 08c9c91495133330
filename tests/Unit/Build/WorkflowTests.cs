using Repro.Experiments.Data;
using YamlDotNet.RepresentationModel;

namespace Repro.Unit.Tests.Build;

/// <summary>
/// The GitHub workflows cannot run on these machines: their YAML is parsed here and checked for what they promise,
/// the README's two commands on a hosted runner and the paper profile with CUDA on a self-hosted GPU runner.
/// </summary>
public sealed class WorkflowTests
{
    static string Root => RepoPaths.FindRepositoryRoot(AppContext.BaseDirectory)
                          ?? throw new InvalidOperationException("the tests run outside the repository");

    static YamlMappingNode Load(string name)
    {
        var path = Path.Combine(Root, ".github", "workflows", name);
        Assert.True(File.Exists(path), $"missing {path}");
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    static YamlNode At(YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            var map = Assert.IsType<YamlMappingNode>(node);
            Assert.True(map.Children.TryGetValue(new YamlScalarNode(key), out var next), $"no '{key}' in the workflow");
            node = next!;
        }
        return node;
    }

    static IReadOnlyList<YamlMappingNode> Steps(YamlMappingNode workflow)
    {
        var job = Assert.Single(((YamlMappingNode)At(workflow, "jobs")).Children).Value;
        return ((YamlSequenceNode)At(job, "steps")).Children.Cast<YamlMappingNode>().ToList();
    }

    static IReadOnlyList<YamlMappingNode> Steps(YamlMappingNode workflow, string job) =>
        ((YamlSequenceNode)At(workflow, "jobs", job, "steps")).Children.Cast<YamlMappingNode>().ToList();

    static string Scalar(YamlNode node, params string[] keys) => ((YamlScalarNode)At(node, keys)).Value ?? "";

    static string Run(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value ?? "" : "";

    static bool Uses(YamlMappingNode step, string action) =>
        step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && (((YamlScalarNode)uses).Value ?? "").StartsWith(action, StringComparison.Ordinal);

    [Fact]
    public void Given_the_ci_workflow_When_read_Then_it_runs_the_project_CI_script_on_a_hosted_runner_and_keeps_the_report_and_TRX()
    {
        var ci = Load("ci.yml");
        var steps = Steps(ci);

        Assert.Equal("ubuntu-latest", ((YamlScalarNode)At(Assert.Single(((YamlMappingNode)At(ci, "jobs")).Children).Value, "runs-on")).Value);
        Assert.Contains(steps, s => Uses(s, "actions/setup-dotnet"));
        Assert.Contains(steps, s => Run(s).Trim() == ".ci/run");
        var upload = Assert.Single(steps, s => Uses(s, "actions/upload-artifact"));
        var paths = ((YamlScalarNode)At(upload, "with", "path")).Value!;
        Assert.Contains("artifacts/report/report.pdf", paths);
        // The tidy data beside the PDF (results.csv, checks.csv, table1.csv, sensitivity.csv), the figures and the records.
        Assert.Contains("artifacts/report/*.csv", paths);
        Assert.Contains("artifacts/results/*/*.json", paths);
        Assert.Contains(".trx", paths);
        // .ci/run is what runs the README's two commands.
        var script = File.ReadAllText(Path.Combine(Root, ".ci", "run"));
        Assert.Contains("dotnet test Repro.sln", script);
        Assert.Contains("dotnet run --project src/Cli -c Release -- reproduce", script);
        // reproduce runs cold first, on one plan over every core; the tests then find its trainings and attacks in the caches.
        Assert.True(script.IndexOf("-- reproduce", StringComparison.Ordinal) < script.IndexOf("dotnet test Repro.sln --report", StringComparison.Ordinal),
            ".ci/run should run reproduce before the tests");
    }

    [Fact]
    public void Given_the_gpu_workflow_When_read_Then_it_builds_with_CUDA_runs_the_paper_profile_on_a_gpu_runner_by_hand_or_weekly()
    {
        var gpu = Load("gpu.yml");
        var on = (YamlMappingNode)At(gpu, "on");
        var job = Assert.Single(((YamlMappingNode)At(gpu, "jobs")).Children).Value;
        var steps = Steps(gpu);

        Assert.True(on.Children.ContainsKey(new YamlScalarNode("workflow_dispatch")), "started by hand");
        Assert.NotEmpty((YamlSequenceNode)At(on, "schedule"));
        Assert.Equal(["self-hosted", "gpu"], ((YamlSequenceNode)At(job, "runs-on")).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal("paper", ((YamlScalarNode)At(job, "env", "REPRO_PROFILE")).Value);
        Assert.Contains(steps, s => Run(s).Contains("dotnet build Repro.sln", StringComparison.Ordinal) && Run(s).Contains("-p:TorchBackend=cuda", StringComparison.Ordinal));
        Assert.Contains(steps, s => Run(s).Contains("reproduce --profile paper --device cuda", StringComparison.Ordinal));
        Assert.Contains(steps, s => Run(s).Contains("dotnet test Repro.sln", StringComparison.Ordinal));
        Assert.Contains(steps, s => Uses(s, "actions/upload-artifact"));
    }

    static int? TimeoutMinutes(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("timeout-minutes"), out var t) && int.TryParse(((YamlScalarNode)t).Value, out int m) ? m : null;

    [Fact]
    public void Given_the_gpu_workflow_When_read_Then_it_checks_the_gpu_first_within_a_minute_and_the_device_torchsharp_sees_before_the_long_run()
    {
        var steps = Steps(Load("gpu.yml"));

        // The very first step asks nvidia-smi, fetching and building nothing, and its step is cut off after a minute.
        Assert.Contains("nvidia-smi", Run(steps[0]));
        Assert.Equal(1, TimeoutMinutes(steps[0]));
        Assert.DoesNotContain("dotnet", Run(steps[0]));

        // Right after the CUDA build, before reproduce: the Category=Gpu test, made to fail (not skip) without a GPU.
        int build = steps.ToList().FindIndex(s => Run(s).Contains("-p:TorchBackend=cuda", StringComparison.Ordinal));
        int reproduce = steps.ToList().FindIndex(s => Run(s).Contains("reproduce", StringComparison.Ordinal));
        var check = steps[build + 1];
        Assert.Contains("--filter-trait \"Category=Gpu\"", Run(check));
        Assert.Contains("--no-build", Run(check));
        Assert.Equal("1", ((YamlScalarNode)At(check, "env", Repro.Unit.Tests.Gpu.GpuAttackTests.RequireVariable)).Value);
        Assert.InRange(TimeoutMinutes(check) ?? int.MaxValue, 1, 5);
        Assert.True(build + 1 < reproduce, "the device check comes before the long run");
    }

    [Fact]
    public void Given_the_sweep_workflow_When_read_Then_its_plan_job_hands_the_json_matrix_to_one_shard_job_per_shard()
    {
        var sweep = Load("sweep.yml");
        Assert.True(((YamlMappingNode)At(sweep, "on")).Children.ContainsKey(new YamlScalarNode("workflow_dispatch")), "started by hand");
        Assert.Equal(["plan", "shard", "merge"], ((YamlMappingNode)At(sweep, "jobs")).Children.Keys.Select(k => ((YamlScalarNode)k).Value));

        var plan = Assert.Single(Steps(sweep, "plan"), s => Run(s).Contains("--format json", StringComparison.Ordinal));
        Assert.Contains("plan --shards", Run(plan));
        Assert.Contains("matrix=$(jq -c .matrix plan.json)", Run(plan));
        Assert.Contains("$GITHUB_OUTPUT", Run(plan));
        Assert.Equal("${{ steps." + Scalar(plan, "id") + ".outputs.matrix }}", Scalar(sweep, "jobs", "plan", "outputs", "matrix"));

        Assert.Equal("plan", Scalar(sweep, "jobs", "shard", "needs"));
        Assert.Equal("${{ fromJson(needs.plan.outputs.matrix) }}", Scalar(sweep, "jobs", "shard", "strategy", "matrix"));
        Assert.Equal("false", Scalar(sweep, "jobs", "shard", "strategy", "fail-fast"));
        Assert.Contains(Steps(sweep, "shard"), s => Run(s).Contains("reproduce --shard \"${{ matrix.shard }}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_sweep_workflow_When_read_Then_each_shard_caches_data_and_models_on_the_science_code_and_uploads_its_caches_and_manifest()
    {
        var steps = Steps(Load("sweep.yml"), "shard");
        var cache = Assert.Single(steps, s => Uses(s, "actions/cache"));
        Assert.Equal(["artifacts/data", "artifacts/models"], Scalar(cache, "with", "path").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // The key follows the sources the science version hashes (ScienceVersion), so other science code starts from no weights.
        Assert.Contains("hashFiles('src/Experiments/**/*.cs', 'src/Results/**/*.cs')", Scalar(cache, "with", "key"));
        int compute = steps.ToList().FindIndex(s => Run(s).Contains("--shard", StringComparison.Ordinal));
        Assert.True(steps.ToList().IndexOf(cache) < compute, "the cache is restored before the shard computes");
        var upload = Assert.Single(steps, s => Uses(s, "actions/upload-artifact"));
        Assert.Equal(["artifacts/models", "artifacts/attacks", "artifacts/shard.json", "artifacts/bench/stages.*"],
            Scalar(upload, "with", "path").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(Repro.Experiments.Shards.ShardManifest.FileName, "shard.json");
    }

    [Fact]
    public void Given_the_sweep_workflow_When_read_Then_the_merge_downloads_every_shard_merges_the_caches_and_only_then_reproduces()
    {
        var sweep = Load("sweep.yml");
        Assert.Equal("shard", Scalar(sweep, "jobs", "merge", "needs"));
        var steps = Steps(sweep, "merge");
        var download = Assert.Single(steps, s => Uses(s, "actions/download-artifact"));
        Assert.Equal("shard-*", Scalar(download, "with", "pattern"));
        var run = Assert.Single(steps, s => Run(s).Contains(" merge ", StringComparison.Ordinal));
        var text = Run(run);
        Assert.Contains("merge shards/*", text);
        Assert.True(text.IndexOf("merge shards/*", StringComparison.Ordinal) < text.LastIndexOf("-- reproduce", StringComparison.Ordinal), "reproduce runs on the merged caches");
        Assert.DoesNotContain("--shard", text);
    }

    [Theory]
    [InlineData("ci.yml")]
    [InlineData("gpu.yml")]
    [InlineData("sweep.yml")]
    public void Given_a_workflow_that_writes_the_report_When_read_Then_it_uploads_the_pdf_the_tidy_csv_files_the_figures_the_records_and_the_stage_table(string file)
    {
        var workflow = Load(file);
        var steps = file == "sweep.yml" ? Steps(workflow, "merge") : Steps(workflow);
        var upload = Assert.Single(steps, s => Uses(s, "actions/upload-artifact"));
        var paths = ((YamlScalarNode)At(upload, "with", "path")).Value!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["artifacts/report/report.pdf", "artifacts/report/*.csv", "artifacts/report/figures/*.png", "artifacts/results/*/*.json", "artifacts/bench/stages.*"],
            paths.Where(p => !p.EndsWith(".trx", StringComparison.Ordinal)));
    }
}
