using Repro.Experiments.Attacks;
using Repro.Experiments.Perturbations;
using Repro.Tests.Shared;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// Attacks kept on disk between runs: a later run (a fresh memo) finds the same bits and the time the attack took, and a damaged,
/// foreign or truncated file is refused with one line naming it, and its attack runs again.
/// </summary>
public sealed class AttackCacheTests : IDisposable
{
    readonly TempFolder _folder = new("repro-attack-cache-");
    readonly List<string> _notices = [];
    public void Dispose() => _folder.Dispose();

    static readonly PerturbationRequest[] Requests =
    [
        new("zero 1", Feed.Zero, 1), new("noise 2", Feed.Noise, 2), new("aai 3", Feed.AdversarialAverage, 3, 4),
    ];

    AttackMemo Memo() => new(new AttackCache(_folder.Path, new ListProgress<string>(_notices)));

    static PerturbationRunner Runner(nn.Module<Tensor, Tensor> model, AttackMemo? memo) =>
        new(new InputGradientAttack(model, Classes, new AttackSettings { LearningRate = 0.1, Stop = StopCondition.Iterations(20) }), Side, Side) { Memo = memo };

    string OnlyFile() => Assert.Single(Directory.GetFiles(_folder.Path, "*.attack"));

    [Fact]
    public void Given_an_attack_a_run_kept_on_disk_When_a_later_run_asks_for_it_Then_it_reads_the_same_bits_and_the_first_time_without_attacking()
    {
        using var model = Linear();
        var fresh = Runner(model, null).Run(Requests, 7);
        var first = Runner(model, Memo()).RunTimed(Requests, 7);

        var later = Memo();
        var again = Runner(model, later).RunTimed(Requests, 7);

        Assert.Equal(1, later.FromDisk);
        Assert.Equal(1, later.Reused);
        AssertSameBits(fresh, first.Results);
        AssertSameBits(fresh, again.Results);
        Assert.Equal(first.Seconds, again.Seconds);
        Assert.Equal(Requests, again.Results.Select(r => r.Request));
        Assert.Empty(_notices);
    }

    [Theory]
    [InlineData("flipped byte", "failed verification")]
    [InlineData("truncated", "is truncated")]
    [InlineData("empty", "is empty")]
    [InlineData("other attack", "not ")]
    [InlineData("not an attack file", "cannot be read")]
    public void Given_a_kept_attack_that_is_damaged_or_foreign_When_a_later_run_asks_for_it_Then_one_line_names_the_file_and_the_attack_runs_again(string damage, string says)
    {
        using var model = Linear();
        var fresh = Runner(model, Memo()).Run(Requests, 7);
        var path = OnlyFile();
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flipped byte": bytes[^5] ^= 0x10; File.WriteAllBytes(path, bytes); break;
            case "truncated": File.WriteAllBytes(path, bytes[..^100]); break;
            case "empty": File.WriteAllBytes(path, []); break;
            case "other attack":
                // Another attack's file under this one's name: its stored key gives it away.
                Runner(model, Memo()).Run(Requests, 8);
                var other = Directory.GetFiles(_folder.Path, "*.attack").Single(p => p != path);
                File.Copy(other, path, overwrite: true);
                break;
            case "not an attack file": File.WriteAllText(path, "{ \"not\": \"an attack\" }"); break;
        }

        var later = Memo();
        var again = Runner(model, later).Run(Requests, 7);

        Assert.Equal(0, later.FromDisk);
        AssertSameBits(fresh, again);
        var notice = Assert.Single(_notices);
        Assert.StartsWith(path, notice);
        Assert.Contains(says, notice);
        Assert.EndsWith("; attacking again.", notice);
        // The refused file is replaced by a sound one: a third run reads it.
        var third = Memo();
        AssertSameBits(fresh, Runner(model, third).Run(Requests, 7));
        Assert.Equal(1, third.FromDisk);
    }

    [Fact]
    public void Given_a_kept_attack_When_its_weights_or_seed_differ_Then_it_is_not_taken_and_a_second_file_is_kept()
    {
        using var model = Linear();
        Runner(model, Memo()).Run(Requests, 7);
        var later = Memo();
        Runner(model, later).Run(Requests, 8);
        Assert.Equal(0, later.FromDisk);
        Assert.Equal(2, Directory.GetFiles(_folder.Path, "*.attack").Length);
    }
}
