using Repro.Experiments.Attacks;
using Repro.Experiments.Claims;
using Repro.Experiments.Models;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// libtorch's CPU convolutions get the input gradient wrong for output widths that are not a multiple of 16
/// (<see cref="CpuConvolutionGuard"/>): the project's widths are checked against float64 here, and the attack refuses the others.
/// </summary>
public sealed class CpuConvolutionGuardTests
{
    // float32 sums of up to 256·9 terms against float64: a few ulps of the largest term. The wrong kernel was off by 0.1–0.9.
    const double Tolerance = 1e-5;

    [Theory]
    [InlineData(1, 32, 28)]    // the quick CNN's first convolution
    [InlineData(32, 64, 14)]   // its second
    [InlineData(1, 128, 28)]   // the paper's CNN
    [InlineData(128, 256, 14)]
    public void Given_a_convolution_of_the_project_s_widths_When_its_input_gradient_is_computed_Then_it_matches_float64(int inChannels, int outChannels, int size)
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator(11);
        foreach (int batch in new[] { 1, 2, 6, 20, 32 })
        {
            var weight = randn([outChannels, inChannels, 3, 3], generator: gen);
            var bias = randn([outChannels], generator: gen);
            var x = randn([batch, inChannels, size, size], generator: gen).requires_grad_(true);
            var y = nn.functional.conv2d(x, weight, bias, padding: [1, 1]);
            var outputGradient = randn(y.shape, generator: gen);
            var gradient = autograd.grad([y], [x], [outputGradient])[0];

            var x64 = x.detach().to(float64).requires_grad_(true);
            var y64 = nn.functional.conv2d(x64, weight.to(float64), bias.to(float64), padding: [1, 1]);
            var gradient64 = autograd.grad([y64], [x64], [outputGradient.to(float64)])[0];

            double scale = gradient64.abs().max().item<double>();
            double difference = (gradient.to(float64) - gradient64).abs().max().item<double>();
            Assert.True(difference <= Tolerance * scale,
                $"conv {inChannels}→{outChannels} at {size}×{size}, batch {batch}: the input gradient differs from float64's by {difference:G3} " +
                $"against a largest magnitude of {scale:G3} (ratio {difference / scale:G3}, tolerance {Tolerance:G1}); NaN means the kernel read unset memory");
        }
    }

    [Fact]
    public void Given_a_cnn_with_8_channels_When_an_attack_is_made_Then_it_is_refused_naming_the_convolution()
    {
        using var model = new ConvNet(NetworkSpec.Cnn(false) with { ConvChannels = [8, 16], DenseLayers = [32, 10] });
        var e = Assert.Throws<ArgumentException>(() => new InputGradientAttack(model, 10, new AttackSettings()));
        Assert.Contains("'features.conv1' has 8 output channels", e.Message);
        Assert.Contains("multiple of 16", e.Message);
    }

    [Fact]
    public void Given_a_cnn_with_multiples_of_16_channels_When_an_attack_is_made_Then_it_is_accepted()
    {
        using var model = new ConvNet(NetworkSpec.Cnn(true) with { ConvChannels = [16, 32], DenseLayers = [32, 10] });
        Assert.IsType<AutogradInputGradient>(new InputGradientAttack(model, 10, new AttackSettings()).Gradient);
    }

    [Fact]
    public void Given_a_cnn_whose_second_convolution_has_24_channels_When_checked_for_training_Then_it_is_refused_and_a_narrow_first_one_is_not()
    {
        // Training asks for every convolution's input gradient but the first one's: conv2's carries conv1's weight gradient.
        using var narrowFirst = new ConvNet(NetworkSpec.Cnn(false) with { ConvChannels = [8, 16], DenseLayers = [32, 10] });
        CpuConvolutionGuard.ThrowIfTrainingGradientIsWrong(narrowFirst);
        using var narrowSecond = new ConvNet(NetworkSpec.Cnn(false) with { ConvChannels = [32, 24], DenseLayers = [32, 10] });
        var e = Assert.Throws<ArgumentException>(() => CpuConvolutionGuard.ThrowIfTrainingGradientIsWrong(narrowSecond));
        Assert.Contains("'features.conv2' has 24 output channels", e.Message);
        Assert.Contains("training would be wrong", e.Message);
    }

    [Fact]
    public void Given_a_width_divisor_that_leaves_8_channels_When_the_profile_is_validated_Then_it_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => (Profiles.Quick with { CnnWidthDivisor = 16 }).Validate());
        Assert.Contains("CNN width divisor must be 1, 2, 4 or 8 (got 16)", e.Message);
        Assert.Throws<ArgumentException>(() => (Profiles.Quick with { CnnWidthDivisor = 268_435_457 }).Validate());
        (Profiles.Quick with { CnnWidthDivisor = 8 }).Validate();
    }
}
