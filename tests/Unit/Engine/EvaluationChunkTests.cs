using Repro.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>Evaluating in chunks is only faster: accuracy and loss are the same bits as one forward per 1,000-image block.</summary>
public sealed class EvaluationChunkTests
{
    [Theory]
    [InlineData(Architecture.Cnn)]
    [InlineData(Architecture.CnnBatchNorm)]
    [InlineData(Architecture.Fc)]
    public void Given_a_network_and_1033_images_When_evaluated_in_chunks_of_32_Then_accuracy_and_loss_equal_the_whole_block_forward_bit_for_bit(
        Architecture architecture)
    {
        using var scope = NewDisposeScope();
        var spec = architecture == Architecture.Fc
            ? NetworkSpec.FcMnist
            : NetworkSpec.Cnn(architecture == Architecture.CnnBatchNorm) with { ConvChannels = [4, 8], DenseLayers = [16, 10] };
        using var model = Trainer.CreateSeeded(spec, 4);
        using var gen = new Generator(9);
        // 1,033 images: a block of 1,000, then one of 33, whose passes are 32 and a lone last image.
        var x = rand([1033, 1, 28, 28], generator: gen);
        var y = randint(0, 10, [1033], generator: gen);

        var whole = Evaluator.Evaluate(model, x, y);
        var chunked = Evaluator.Evaluate(model, x, y, chunk: 32);

        Assert.True(whole.Accuracy.Equals(chunked.Accuracy) && whole.Loss.Equals(chunked.Loss),
            $"whole blocks: ({whole.Accuracy:R}, {whole.Loss:R}); chunks of 32: ({chunked.Accuracy:R}, {chunked.Loss:R})");
        Assert.Equal(32, Evaluator.EvaluationChunk(NetworkSpec.Cnn(false)));
        Assert.Equal(int.MaxValue, Evaluator.EvaluationChunk(NetworkSpec.FcMnist));
    }

    [Theory]
    [InlineData(1000, 32, new long[] { 32, 8 })]
    [InlineData(33, 32, new long[] { 33 })]
    [InlineData(65, 32, new long[] { 32, 33 })]
    [InlineData(64, 32, new long[] { 32, 32 })]
    public void Given_a_block_When_cut_into_passes_Then_they_cover_it_in_order_and_no_pass_holds_a_lone_image(long n, long chunk, long[] lastCounts)
    {
        var passes = Evaluator.Chunks(n, chunk).ToArray();

        Assert.Equal(n, passes.Sum(p => p.Count));
        Assert.Equal(Enumerable.Range(0, passes.Length).Select(i => passes.Take(i).Sum(p => p.Count)), passes.Select(p => p.Start));
        Assert.DoesNotContain(passes, p => p.Count == 1);
        Assert.Equal(lastCounts, passes.Select(p => p.Count).TakeLast(lastCounts.Length));
    }

    [Fact]
    public void Given_no_images_per_pass_When_evaluating_Then_it_is_refused_with_the_setting_named()
    {
        using var scope = NewDisposeScope();
        using var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.Evaluate(model, zeros(4, 6, 6), zeros(4, ScalarType.Int64), chunk: 0));
        Assert.Equal("chunk", e.ParamName);
    }
}
