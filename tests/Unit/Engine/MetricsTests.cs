using Repro.Experiments.Analysis;

namespace Repro.Unit.Tests.Engine;

/// <summary>Pearson r, partial correlation given an image, and the class × class matrix summary.</summary>
public sealed class MetricsTests
{
    static readonly float[] Image = [.. Enumerable.Range(0, 36).Select(i => (float)Math.Sin(0.9 * i) + (i % 7) * 0.1f)];
    static readonly float[] Other = [.. Enumerable.Range(0, 36).Select(i => (float)Math.Cos(0.4 * i) - (i % 5) * 0.2f)];

    [Fact]
    public void Given_an_image_When_correlating_it_with_itself_its_negation_and_an_affine_map_Then_r_is_1_minus_1_and_1()
    {
        Assert.Equal(1, Correlation.Pearson(Image, Image), 1e-12);
        Assert.Equal(-1, Correlation.Pearson(Image, Image.Select(v => -v).ToArray()), 1e-12);
        Assert.Equal(1, Correlation.Pearson(Image, Image.Select(v => 3.5f * v - 2f).ToArray()), 1e-6);
        Assert.Equal(-1, Correlation.Pearson(Image, Image.Select(v => -0.25f * v + 7f).ToArray()), 1e-6);
    }

    [Fact]
    public void Given_two_images_When_correlating_Then_r_is_the_textbook_value_and_symmetric()
    {
        float[] a = [1, 2, 3, 4, 5];
        float[] b = [2, 1, 4, 3, 5];   // Σ da·db = 8, Σ da² = Σ db² = 10

        Assert.Equal(0.8, Correlation.Pearson(a, b), 1e-12);
        Assert.Equal(Correlation.Pearson(Other, Image), Correlation.Pearson(Image, Other), 1e-12);
    }

    [Fact]
    public void Given_a_constant_image_When_correlating_Then_r_is_NaN()
    {
        Assert.True(double.IsNaN(Correlation.Pearson(new float[36], Image)));
        Assert.True(double.IsNaN(Correlation.Pearson(Image, Enumerable.Repeat(0.5f, 36).ToArray())));
    }

    [Fact]
    public void Given_a_hand_made_3x3_matrix_When_summarising_Then_diagonal_off_diagonal_top1_and_margins_are_as_computed_by_hand()
    {
        double[][] m =
        [
            [0.9, 0.1, 0.2],
            [0.3, 0.5, 0.6],
            [0.0, 0.4, 0.8],
        ];

        var s = MatrixSummary.Of(m);

        Assert.Equal((3, 3, 0), (s.Classes, s.Rows, s.FailedRows));
        Assert.Equal((0.9 + 0.5 + 0.8) / 3, s.DiagonalMean, 1e-12);
        Assert.Equal(0.5, s.DiagonalMin, 1e-12);
        Assert.Equal((0.1 + 0.2 + 0.3 + 0.6 + 0.0 + 0.4) / 6, s.OffDiagonalMean, 1e-12);
        Assert.Equal(2, s.Top1);                       // row 1's best is off the diagonal (0.6 > 0.5)
        Assert.Equal((0.7 - 0.1 + 0.4) / 3, s.MeanMargin, 1e-12);
        Assert.Equal(-0.1, s.MinMargin, 1e-12);
        Assert.Equal(s, Correlation.Summarize(m));
    }

    [Fact]
    public void Given_a_matrix_with_a_NaN_row_When_summarising_Then_the_row_is_skipped_and_counted_as_failed()
    {
        double[][] m =
        [
            [0.9, 0.1, 0.2],
            [double.NaN, double.NaN, double.NaN],
            [0.0, 0.4, 0.8],
        ];

        var s = MatrixSummary.Of(m);

        Assert.Equal((3, 2, 1), (s.Classes, s.Rows, s.FailedRows));
        Assert.Equal(0.85, s.DiagonalMean, 1e-12);
        Assert.Equal(0.8, s.DiagonalMin, 1e-12);
        Assert.Equal((0.1 + 0.2 + 0.0 + 0.4) / 4, s.OffDiagonalMean, 1e-12);
        Assert.Equal(2, s.Top1);
        Assert.Equal(0.55, s.MeanMargin, 1e-12);
        Assert.Equal(0.4, s.MinMargin, 1e-12);
        Assert.Contains("1 failed", s.ToString());
    }

    [Fact]
    public void Given_all_rows_NaN_When_summarising_Then_every_statistic_is_NaN_and_top1_is_zero()
    {
        var s = MatrixSummary.Of([[double.NaN, double.NaN], [double.NaN, double.NaN]]);

        Assert.Equal((2, 0, 2, 0), (s.Classes, s.Rows, s.FailedRows, s.Top1));
        Assert.True(double.IsNaN(s.DiagonalMean) && double.IsNaN(s.OffDiagonalMean) && double.IsNaN(s.MeanMargin));
    }

    [Fact]
    public void Given_a_non_square_or_empty_matrix_When_summarising_Then_it_throws()
    {
        Assert.Throws<ArgumentException>(() => MatrixSummary.Of([[1.0, 0.0]]));
        Assert.Throws<ArgumentException>(() => MatrixSummary.Of([]));
    }

    [Fact]
    public void Given_rows_with_a_missing_image_When_building_a_matrix_Then_that_row_is_NaN_and_the_others_are_Pearson_r()
    {
        var m = Correlation.Matrix([Image, null], [Image, Other]);

        Assert.Equal(1, m[0][0], 1e-12);
        Assert.Equal(Correlation.Pearson(Image, Other), m[0][1], 1e-12);
        Assert.All(m[1], v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Given_c_orthogonal_to_both_a_and_b_When_correlating_a_and_b_orthogonal_to_c_Then_it_equals_their_Pearson_r()
    {
        // After centring, c = (0, 0, 0, 0, 1, −1) is orthogonal to any image whose last two pixels are equal.
        float[] a = [1, -1, 2, -2, 0.5f, 0.5f];
        float[] b = [2, 0, 1, -3, 1, 1];
        float[] c = [0, 0, 0, 0, 1, -1];

        double r = Correlation.Pearson(a, b);

        Assert.InRange(Math.Abs(r), 0.3, 0.99);   // a non-trivial r
        Assert.Equal(r, Correlation.OrthogonalTo(a, b, c), 1e-6);
    }

    [Fact]
    public void Given_a_general_c_When_correlating_orthogonal_to_it_Then_it_is_the_partial_correlation_formula()
    {
        float[] c = [.. Enumerable.Range(0, 36).Select(i => (float)((i * 7) % 11))];
        double rab = Correlation.Pearson(Image, Other), rac = Correlation.Pearson(Image, c), rbc = Correlation.Pearson(Other, c);
        double partial = (rab - rac * rbc) / Math.Sqrt((1 - rac * rac) * (1 - rbc * rbc));

        Assert.Equal(partial, Correlation.OrthogonalTo(Image, Other, c), 1e-5);
    }

    [Fact]
    public void Given_a_equal_to_c_or_an_affine_copy_of_it_When_correlating_orthogonal_to_c_Then_nothing_is_left_and_r_is_undefined_not_a_spurious_value()
    {
        var affine = Image.Select(v => 3.7f * v - 1.3f).ToArray();

        Assert.True(double.IsNaN(Correlation.OrthogonalTo(Image, Other, Image)));
        Assert.True(double.IsNaN(Correlation.OrthogonalTo(affine, Other, Image)), $"r = {Correlation.OrthogonalTo(affine, Other, Image)}");
        Assert.True(double.IsNaN(Correlation.OrthogonalTo(Other, affine, Image)));
    }
}
