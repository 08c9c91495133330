using Repro.Experiments.Claims;
using Repro.Experiments.Models;

namespace Repro.Unit.Tests.Bench;

/// <summary>FLOPs from the layer shapes against closed forms worked out by hand (2 FLOPs per multiply-accumulate).</summary>
public sealed class FlopCountTests
{
    [Fact]
    public void Given_the_784_200_30_10_FC_When_counting_a_forward_pass_Then_it_is_twice_its_163100_multiply_accumulates()
    {
        // 784·200 + 200·30 + 30·10 = 156,800 + 6,000 + 300.
        Assert.Equal(2.0 * 163_100, FlopCount.Forward(NetworkSpec.FcMnist));
    }

    [Fact]
    public void Given_the_dummy_FC_When_counting_a_forward_pass_Then_it_is_twice_36_200_50_4_multiply_accumulates()
    {
        Assert.Equal(2.0 * (36 * 200 + 200 * 50 + 50 * 4), FlopCount.Forward(NetworkSpec.FcDummy));
    }

    [Fact]
    public void Given_the_quick_profiles_CNN_When_counting_a_forward_pass_Then_each_convolution_counts_its_unpooled_output_and_the_dense_layers_follow()
    {
        // conv 1→32, 3×3, padding 1: 28·28·32·1·9; pool to 14. conv 32→64: 14·14·64·32·9; pool to 7.
        // dense 64·7·7 = 3136 → 128 → 64 → 10.
        double macs = 28 * 28 * 32 * 9 + 14 * 14 * 64 * 32 * 9 + 3136 * 128 + 128 * 64 + 64 * 10;
        Assert.Equal(4_248_704, macs);
        Assert.Equal(2 * macs, FlopCount.Forward(Profiles.Quick.Cnn(false)));
        Assert.Equal(2 * macs, FlopCount.Forward(Profiles.Quick.Cnn(true)));   // batch normalisation is not counted
    }

    [Fact]
    public void Given_the_papers_CNN_When_counting_a_forward_pass_Then_it_matches_the_closed_form_of_its_128_256_and_512_256_10_widths()
    {
        double macs = 28 * 28 * 128 * 9 + 14 * 14 * 256 * 128 * 9 + 256.0 * 49 * 512 + 512 * 256 + 256 * 10;
        Assert.Equal(2 * macs, FlopCount.Forward(NetworkSpec.Cnn(false)));
    }

    [Fact]
    public void Given_a_forward_count_When_training_and_attacking_Then_a_training_sample_is_three_forwards_and_an_attack_iteration_two()
    {
        var fc = NetworkSpec.FcMnist;
        double f = FlopCount.Forward(fc);

        Assert.Equal(3 * f * 32, FlopCount.Training(fc, 32));
        Assert.Equal(2 * f * 10 * 1000, FlopCount.Attack(fc, 10, 1000));
    }
}
