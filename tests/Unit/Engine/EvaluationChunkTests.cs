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
    public void Given_a_network_and_1200_images_When_evaluated_in_chunks_of_32_Then_accuracy_and_loss_equal_the_whole_block_forward_bit_for_bit(
        Architecture architecture)
    {
        using var scope = NewDisposeScope();
        var spec = architecture == Architecture.Fc
            ? NetworkSpec.FcMnist
            : NetworkSpec.Cnn(architecture == Architecture.CnnBatchNorm) with { ConvChannels = [4, 8], DenseLayers = [16, 10] };
        using var model = Trainer.CreateSeeded(spec, 4);
        using var gen = new Generator(9);
        var x = rand([1200, 1, 28, 28], generator: gen);
        var y = randint(0, 10, [1200], generator: gen);

        var whole = Trainer.Evaluate(model, x, y);
        var chunked = Trainer.Evaluate(model, x, y, chunk: 32);

        Assert.True(whole.Accuracy.Equals(chunked.Accuracy) && whole.Loss.Equals(chunked.Loss),
            $"whole blocks: ({whole.Accuracy:R}, {whole.Loss:R}); chunks of 32: ({chunked.Accuracy:R}, {chunked.Loss:R})");
        Assert.Equal(32, Trainer.EvaluationChunk(NetworkSpec.Cnn(false)));
        Assert.Equal(int.MaxValue, Trainer.EvaluationChunk(NetworkSpec.FcMnist));
    }
}
