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

    /// <summary>The most pixels an image panel may have (4096 × 4096): the paper's are 28 × 28.</summary>
    public const long MaxImagePixels = 4096L * 4096;

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
        var checkProblems = CheckProblems(r.Checks);
        problems.AddRange(checkProblems);
        // The verdicts must follow from the checks (a record's own word is not enough); a not-run record has none to follow from.
        if (checkProblems.Count == 0 && r.Checks is { } checks && !(r.Verdict == Verdict.NotRun && checks.Count == 0))
        {
            var primary = VerdictRule.PrimaryVerdictOf(checks);
            if (primary != r.Verdict) problems.Add($"its verdict is {r.Verdict} where its checks give {primary}");
            var exploratory = VerdictRule.ExploratoryVerdictOf(checks);
            if (exploratory != r.ExploratoryVerdict)
                problems.Add($"its exploratory verdict is {r.ExploratoryVerdict?.ToString() ?? "none"} where its checks give {exploratory?.ToString() ?? "none"}");
        }
        foreach (var (name, m) in r.Metrics ?? new Dictionary<string, Metric>())
            if (m is null || m.Values is null) problems.Add($"metric '{name}' is null or has no values");
        foreach (var (name, m) in r.Timings ?? new Dictionary<string, Metric>())
            if (m is null || m.Values is null || m.Values.Any(v => !double.IsFinite(v) || v < 0)) problems.Add($"timing '{name}' is not a list of finite durations");
        foreach (var i in r.Images ?? [])
        {
            // Sizes multiply in 64 bits: two large int sizes must not wrap round to a pixel count that matches.
            long pixels = i is null ? -1 : (long)i.Height * i.Width;
            if (i is null || i.Figure is null || i.Row is null || i.Column is null) problems.Add("an image lacks its figure, row or column label");
            else if (i.Height <= 0 || i.Width <= 0 || pixels > MaxImagePixels)
                problems.Add($"an image of {i.Figure} is {i.Height} × {i.Width}, not between 1 × 1 and {MaxImagePixels} pixels");
            else if (i.Pixels is { } px && px.Length != pixels)
                problems.Add($"an image of {i.Figure} does not hold height × width pixels");
        }
        foreach (var m in r.Matrices ?? [])
        {
            if (m is null || m.Values is null || m.Values.Any(row => row is null)) { problems.Add("a matrix is null or has a null row"); continue; }
            if (m.Figure is null || m.Name is null || m.Summary is null || m.RowLabels is null || m.ColumnLabels is null
                || m.RowLabels.Any(l => l is null) || m.ColumnLabels.Any(l => l is null))
                problems.Add($"matrix '{m.Name ?? "?"}' lacks its figure, summary or a row or column label");
            else if (m.RowLabels.Count != m.Values.Length || m.Values.Any(row => row.Length != m.ColumnLabels.Count))
                problems.Add($"matrix '{m.Name}' has {m.Values.Length} rows for {m.RowLabels.Count} row labels, or a row whose length is not its {m.ColumnLabels.Count} column labels");
        }
        foreach (var row in r.Table1 ?? [])
            if (row is null || row.Accuracy is null || row.Loss is null || row.Epochs is null) problems.Add("a Table 1 row is incomplete");
        return problems;
    }

    /// <summary>
    /// Where a record disagrees with the threshold register it is read against: an id the register has no claim for (a stray file is not
    /// a claim of the paper), or a claim or sanity check whose kind, metric, comparison or threshold is not the register's current line.
    /// A record judged by a bar the register has since moved is not shown as if judged by the new one.
    /// </summary>
    public static IReadOnlyList<string> RegisterProblems(ClaimResult r, ThresholdRegister register)
    {
        if (r.Id is null || r.Checks is null) return [];
        if (register.Entries.All(e => e.Claim != r.Id))
            return [$"'{r.Id}' is no claim of {ThresholdRegister.FileName} (known: {string.Join(", ", register.Entries.Select(e => e.Claim).Distinct())})"];
        return r.Checks.Where(c => c?.Name is not null && c.Kind is CheckKind.Claim or CheckKind.Sanity)
            .Select(c => register.Disagreement(r.Id, c)).OfType<string>().Select(why => $"it disagrees with the register now ({why})").ToList();
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
            // A failed measurement is NaN; an infinite one is recorded only where it means something ("never reached" in a recorded value).
            if (c.Kind != CheckKind.Recorded && c.PerSeed is { } values && values.Any(double.IsInfinity))
                problems.Add($"check '{c.Name}' has an infinite per-seed value");
            if (c.Comparison is { Length: > 0 } cmp && cmp is not ("≥" or ">" or "≤" or "<")) problems.Add($"check '{c.Name}' has the unknown comparison '{cmp}'");
            else if (c.Name is not null && c.Comparison is not null && c.PerSeed is not null && Enum.IsDefined(c.Kind) && Enum.IsDefined(c.Outcome)
                     && VerdictRule.Expected(c) is { } expected && expected != c.Outcome)
                problems.Add($"check '{c.Name}' says {c.Outcome} where its own numbers give {expected}");
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
            var cellProblems = CheckProblems(c.Checks);
            problems.AddRange(cellProblems.Select(p => $"cell {c.Reading}/{c.Alternative}/{c.Claim}: {p}"));
            // A cell's verdict follows from its checks, so that no flip is reported that its checks do not make.
            if (cellProblems.Count == 0 && Enum.IsDefined(c.Verdict) && VerdictRule.PrimaryVerdictOf(c.Checks) is var v && v != c.Verdict)
                problems.Add($"cell {c.Reading}/{c.Alternative}/{c.Claim} says {c.Verdict} where its checks give {v}");
        }
        return problems;
    }
}
