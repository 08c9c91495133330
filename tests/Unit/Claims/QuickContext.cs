using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Experiments.Runtime;

namespace Repro.Unit.Tests.Claims;

/// <summary>A quick-profile claim context in a test's own folder, reading no data environment variables.</summary>
static class QuickContext
{
    public static ClaimContext In(string root, StageLog? stages = null, CancellationToken cancel = default) =>
        new(Profiles.Quick, new DatasetStore(new DatasetStoreOptions { CacheDirectory = Path.Combine(root, "data"), ReadEnvironment = false }),
            root, cancel: cancel, stages: stages);
}
