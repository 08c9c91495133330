namespace Repro.Results;

/// <summary>
/// What a result record must hold to be believed. Every record is checked on read: a known schema version, an id
/// equal to its file name, a known profile, every collection present, and finite numbers where a number is required.
/// </summary>
public static class ResultSchema
{
    /// <summary>Bump when the record layout changes; records of another version are run again, never half-read.</summary>
    public const int CurrentVersion = 4;

    /// <summary>The profiles a record may name (the experiments' profile catalogue; a unit test keeps the two equal).</summary>
    public static IReadOnlyList<string> Profiles { get; } = ["quick", "paper"];

    /// <summary>What is wrong with <paramref name="r"/>, read from <paramref name="path"/>; empty when it is sound.</summary>
    public static IReadOnlyList<string> Problems(ClaimResult r, string path)
    {
        var problems = new List<string>();
        if (r.SchemaVersion != CurrentVersion)
            problems.Add(r.SchemaVersion == 0
                ? $"it has no schemaVersion (written by older code; this version reads {CurrentVersion})"
                : $"its schemaVersion is {r.SchemaVersion}, this version reads {CurrentVersion}");
        var fileId = Path.GetFileNameWithoutExtension(path);
        if (r.Id is null) problems.Add("its id is missing");
        else if (!string.Equals(r.Id, fileId, StringComparison.Ordinal)) problems.Add($"its id '{r.Id}' does not match the file name '{fileId}'");
        if (r.Profile is null) problems.Add("its profile is missing");
        else if (!Profiles.Contains(r.Profile)) problems.Add($"its profile '{r.Profile}' is not one of {string.Join(", ", Profiles)}");
        foreach (var (field, value) in new (string, object?)[]
                 {
                     ("title", r.Title), ("section", r.Section), ("paperWords", r.PaperWords), ("threshold", r.Threshold),
                     ("seeds", r.Seeds), ("parameters", r.Parameters), ("readings", r.Readings), ("metrics", r.Metrics),
                     ("checks", r.Checks), ("timings", r.Timings), ("images", r.Images), ("matrices", r.Matrices),
                     ("table1", r.Table1), ("environment", r.Environment),
                 })
            if (value is null) problems.Add($"'{field}' is missing or null");
        if (!double.IsFinite(r.WallSeconds) || r.WallSeconds < 0) problems.Add($"wallSeconds is {r.WallSeconds}, not a finite duration");
        if (!Enum.IsDefined(r.Verdict)) problems.Add($"its verdict {(int)r.Verdict} is unknown");
        problems.AddRange(CheckProblems(r.Checks));
        foreach (var (name, m) in r.Metrics ?? new Dictionary<string, Metric>())
            if (m is null || m.Values is null) problems.Add($"metric '{name}' is null or has no values");
        foreach (var (name, m) in r.Timings ?? new Dictionary<string, Metric>())
            if (m is null || m.Values is null || m.Values.Any(v => !double.IsFinite(v) || v < 0)) problems.Add($"timing '{name}' is not a list of finite durations");
        foreach (var i in r.Images ?? [])
            if (i is null || (i.Pixels is { } px && px.Length != i.Height * i.Width))
                problems.Add($"an image of {i?.Figure ?? "?"} does not hold height × width pixels");
        foreach (var m in r.Matrices ?? [])
            if (m is null || m.Values is null || m.Values.Any(row => row is null)) problems.Add("a matrix is null or has a null row");
        foreach (var row in r.Table1 ?? [])
            if (row is null || row.Accuracy is null || row.Loss is null || row.Epochs is null) problems.Add("a Table 1 row is incomplete");
        return problems;
    }

    /// <summary>What is wrong with a list of checks (a claim record's or a sensitivity cell's); empty when all are sound.</summary>
    public static IReadOnlyList<string> CheckProblems(IReadOnlyList<Check>? checks)
    {
        var problems = new List<string>();
        foreach (var c in checks ?? [])
        {
            if (c is null) { problems.Add("a check is null"); continue; }
            if (c.Name is null || c.Comparison is null || c.Metric is null) problems.Add("a check lacks its name, metric or comparison");
            if (!Enum.IsDefined(c.Kind) || !Enum.IsDefined(c.Outcome)) problems.Add($"check '{c.Name}' has an unknown kind or outcome");
            if (c.PerSeed is null || c.Seeds is null || c.PerSeed.Count != c.Seeds.Count)
                problems.Add($"check '{c.Name}' does not hold one value per seed");
            if (c.Comparison is { Length: > 0 } && !double.IsFinite(c.Threshold)) problems.Add($"check '{c.Name}' has threshold {c.Threshold}, not a finite number");
            // A failed measurement (NaN) is a legitimate outcome, but never one that reproduced.
            if (c.Outcome is CheckOutcome.Re or CheckOutcome.Holds && !double.IsFinite(c.Mean)) problems.Add($"check '{c.Name}' passed on a measurement of {c.Mean}");
            if (c.P is { } pv && !(pv is >= 0 and <= 1)) problems.Add($"check '{c.Name}' has p = {pv}, not in [0, 1]");
            if (c.PAdjusted is { } pa && !(pa is >= 0 and <= 1)) problems.Add($"check '{c.Name}' has an adjusted p = {pa}, not in [0, 1]");
            if (!Enum.IsDefined(c.Interval)) problems.Add($"check '{c.Name}' has an unknown interval kind");
            var (lo, hi) = c.Interval switch { IntervalKind.FisherZ => (-1.0, 1.0), IntervalKind.ClopperPearson => (0.0, 1.0), _ => (double.NegativeInfinity, double.PositiveInfinity) };
            foreach (var bound in new[] { c.CiLow, c.CiHigh, c.FamilyCiLow, c.FamilyCiHigh })
                if (bound < lo || bound > hi) problems.Add($"check '{c.Name}' has an interval bound {bound} outside its statistic's range [{lo}, {hi}]");
            if (c.Interval == IntervalKind.ClopperPearson && c.Trials is not > 0) problems.Add($"check '{c.Name}' is a count without its trials per seed");
        }
        return problems;
    }

    /// <summary>What is wrong with the epoch budget's record; empty when it is sound.</summary>
    public static IReadOnlyList<string> Problems(EpochsNeededRecord r)
    {
        var problems = new List<string>();
        if (r.SchemaVersion != CurrentVersion) problems.Add($"its schemaVersion is {r.SchemaVersion}, this version reads {CurrentVersion}");
        if (r.Profile is null || !Profiles.Contains(r.Profile)) problems.Add($"its profile '{r.Profile}' is not one of {string.Join(", ", Profiles)}");
        if (r.Rows is null || r.Environment is null) problems.Add("'rows' or 'environment' is missing");
        if (!(r.MaxEpochs > 0) || !double.IsFinite(r.MaxEpochs)) problems.Add($"maxEpochs is {r.MaxEpochs}, not a positive number");
        foreach (var row in r.Rows ?? [])
            if (row?.Network is null || !double.IsFinite(row.Epochs) || row.Epochs < 0 || row.Epochs > r.MaxEpochs + 1e-9 || !(row.ValidationAccuracy is >= 0 and <= 1))
                problems.Add($"row {row?.Network ?? "?"} has no network, epochs outside [0, {r.MaxEpochs}] or an accuracy outside [0, 1]");
        return problems;
    }

    /// <summary>What is wrong with the sensitivity study's record; empty when it is sound.</summary>
    public static IReadOnlyList<string> Problems(SensitivityRecord r)
    {
        var problems = new List<string>();
        if (r.SchemaVersion != CurrentVersion) problems.Add($"its schemaVersion is {r.SchemaVersion}, this version reads {CurrentVersion}");
        if (r.Profile is null || !Profiles.Contains(r.Profile)) problems.Add($"its profile '{r.Profile}' is not one of {string.Join(", ", Profiles)}");
        if (r.Parameters is null || r.Alternatives is null || r.Claims is null || r.Cells is null || r.Environment is null)
        {
            problems.Add("'parameters', 'alternatives', 'claims', 'cells' or 'environment' is missing");
            return problems;
        }
        if (!double.IsFinite(r.WallSeconds) || r.WallSeconds < 0) problems.Add($"wallSeconds is {r.WallSeconds}, not a finite duration");
        if (r.ClaimsAtBudget is { } atBudget && (atBudget.Count == 0 || atBudget.Any(c => !r.Claims.Contains(c))))
            problems.Add($"claimsAtBudget ({string.Join(", ", atBudget)}) must name some of the study's claims ({string.Join(", ", r.Claims)})");
        foreach (var a in r.Alternatives)
            if (a?.Reading is null || a.Name is null || a.Claims is null || a.Settings is null) problems.Add("an alternative lacks its reading, name, claims or settings");
        foreach (var c in r.Cells)
        {
            if (c?.Reading is null || c.Alternative is null || c.Claim is null || c.Seeds is null || c.Checks is null || c.Probes is null || c.Choices is null)
            {
                problems.Add("a cell lacks its reading, alternative, claim, seeds, checks, probes or choices");
                continue;
            }
            if (!Enum.IsDefined(c.Verdict)) problems.Add($"cell {c.Reading}/{c.Alternative}/{c.Claim} has an unknown verdict");
            if (!double.IsFinite(c.WallSeconds) || c.WallSeconds < 0) problems.Add($"cell {c.Reading}/{c.Alternative}/{c.Claim} has no finite duration");
            if (r.Alternatives.All(a => a.Reading != c.Reading || a.Name != c.Alternative)) problems.Add($"cell {c.Reading}/{c.Alternative}/{c.Claim} names no alternative of the study");
            problems.AddRange(CheckProblems(c.Checks).Select(p => $"cell {c.Reading}/{c.Alternative}/{c.Claim}: {p}"));
        }
        return problems;
    }
}
