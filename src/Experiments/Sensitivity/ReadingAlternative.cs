using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Experiments.Sensitivity;

/// <summary>One alternative reading: how it is described in the record, and the profile it gives the claims it touches.</summary>
public sealed record ReadingAlternative(SensitivityAlternative Description, Func<ProfileSettings, ProfileSettings> Apply);
