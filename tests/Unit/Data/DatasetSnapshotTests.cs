using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Repro.Experiments.Analysis;
using Repro.Experiments.Data;
using Snapshooter;
using Snapshooter.Xunit3;

namespace Repro.Unit.Tests.Data;

/// <summary>
/// Snapshots of what the claims are built on: the PNC of each class of both real datasets and both
/// dummy datasets. A change to the data, its reading or the PNC recipe shows up here first.
/// </summary>
public class DatasetSnapshotTests
{
    private static readonly DatasetStore Store = new(new DatasetStoreOptions { CacheDirectory = RepoPaths.DataCache });

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData(DatasetId.Mnist)]
    [InlineData(DatasetId.FashionMnist)]
    public void Given_a_real_dataset_When_its_PNCs_are_computed_Then_their_summary_matches_the_snapshot(DatasetId id)
    {
        var split = Store.Load(id);
        var pncs = Pnc.Compute(split.Train);
        Snapshot.Match(new { dataset = id.ToString(), train = split.Train.Count, classes = Summaries(pncs) }, SnapshotNameExtension.Create(id.ToString()));
    }

    [Fact]
    public void Given_the_tiling_and_overlapping_datasets_When_built_Then_their_images_and_PNCs_match_the_snapshot()
    {
        var tiling = DummyDatasets.Tiling();
        var overlapping = DummyDatasets.Overlapping();
        Snapshot.Match(new
        {
            tiling = new { images = Grids(tiling), labels = tiling.Labels, pncs = Summaries(Pnc.Compute(tiling)) },
            overlapping = new { images = Grids(overlapping), labels = overlapping.Labels, pncs = Summaries(Pnc.Compute(overlapping)) },
        });
    }

    private static object[] Summaries(float[][] pncs) => pncs.Select((p, c) => (object)new
    {
        @class = c,
        min = Math.Round(p.Min(), 3),
        max = Math.Round(p.Max(), 3),
        mean = Math.Round(p.Average(v => (double)v), 3),
        sha256 = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(p.AsSpan()))),
    }).ToArray();

    private static string[][] Grids(Dataset d) => Enumerable.Range(0, d.Count).Select(i =>
        Enumerable.Range(0, d.Height).Select(r => string.Concat(d.ImageSpan(i).Slice(r * d.Width, d.Width).ToArray().Select(v => v > 0 ? '#' : '.'))).ToArray()).ToArray();
}
