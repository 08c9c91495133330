using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Results;

/// <summary>Reads and writes result records as JSON under a results folder; writes are atomic.</summary>
/// <param name="register">When given, a record is also read against it (<see cref="ResultSchema.RegisterProblems"/>): the report reads
/// with the register compiled in, so that no record is shown judged by a bar the register has since moved. Null: the schema alone (the
/// claims' own resume compares with the register it runs by).</param>
public sealed class ResultStore(string directory, ThresholdRegister? register = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Directory { get; } = directory;

    public string PathOf(string id) => Path.Combine(Directory, id + ".json");

    /// <summary>Writes the record atomically, stamped with the current schema version.</summary>
    public void Write(ClaimResult result) => WriteJson(PathOf(result.Id), result with { SchemaVersion = ResultSchema.CurrentVersion });

    /// <summary>The record of <paramref name="id"/>, or null when there is none.</summary>
    /// <exception cref="InvalidRecordException">The file exists but is not a sound record.</exception>
    public ClaimResult? TryRead(string id)
    {
        var path = PathOf(id);
        return File.Exists(path) ? ReadAgainstRegister(path) : null;
    }

    private ClaimResult ReadAgainstRegister(string path) =>
        register is null ? Read(path) : ReadChecked<ClaimResult>(path, r => [.. ResultSchema.Problems(r, path), .. ResultSchema.RegisterProblems(r, register)]);

    /// <summary>Reads and validates one record (<see cref="ResultSchema.Problems"/>).</summary>
    /// <exception cref="InvalidRecordException">One line naming the file and what is wrong.</exception>
    public static ClaimResult Read(string path) => ReadChecked<ClaimResult>(path, r => ResultSchema.Problems(r, path));

    /// <summary>Parses <paramref name="path"/> as a <typeparamref name="T"/> and refuses it, in one line, unless <paramref name="problems"/> finds nothing.</summary>
    private static T ReadChecked<T>(string path, Func<T, IReadOnlyList<string>> problems) where T : class
    {
        T? r;
        try
        {
            // Sized before it is opened: a FIFO or a device reports no size and would block or never end, so it is never opened.
            long size = new FileInfo(path).Length;
            if (size == 0) throw new InvalidRecordException(path, "it is empty, or not a regular file (a FIFO or a device is not opened)");
            if (size > MaxRecordBytes) throw new InvalidRecordException(path, $"it is {size} bytes, more than the {MaxRecordBytes} a record may have");
            r = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidRecordException(path, $"its JSON does not parse ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidRecordException(path, $"it cannot be read ({e.Message})", e);
        }
        if (r is null) throw new InvalidRecordException(path, "it is empty (null)");
        var found = problems(r);
        if (found.Count > 0) throw new InvalidRecordException(path, string.Join("; ", found));
        return r;
    }

    /// <summary>The largest record file read (256 MiB; a quick run's largest is about 1 MB).</summary>
    public const long MaxRecordBytes = 256L << 20;

    /// <summary>
    /// SHA-256 (lower-case hex) of each sound record file in the folder, by the id its file name gives. A file that cannot be read as a
    /// record (refused already, with its reason) is left out rather than read again unguarded.
    /// </summary>
    public IReadOnlyDictionary<string, string> FileHashes()
    {
        var hashes = new Dictionary<string, string>();
        if (!System.IO.Directory.Exists(Directory)) return hashes;
        foreach (var p in ClaimFiles())
        {
            try
            {
                long size = new FileInfo(p).Length;
                if (size == 0 || size > MaxRecordBytes) continue;
                hashes[Path.GetFileNameWithoutExtension(p)] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return hashes;
    }

    /// <summary>All sound records in the folder, ordered by id (C1, C2, …); a damaged one throws.</summary>
    public IReadOnlyList<ClaimResult> ReadAll()
    {
        var (valid, invalid) = ReadAllChecked();
        if (invalid.Count > 0) throw invalid[0];
        return valid;
    }

    /// <summary>Every record in the folder: the sound ones, and one error for each file that is not.</summary>
    public (IReadOnlyList<ClaimResult> Valid, IReadOnlyList<InvalidRecordException> Invalid) ReadAllChecked()
    {
        var valid = new List<ClaimResult>();
        var invalid = new List<InvalidRecordException>();
        if (!System.IO.Directory.Exists(Directory)) return (valid, invalid);
        foreach (var path in ClaimFiles().Order(StringComparer.Ordinal))
        {
            try { valid.Add(ReadAgainstRegister(path)); }
            catch (InvalidRecordException e) { invalid.Add(e); }
        }
        return (valid, invalid);
    }

    /// <summary>The claim records' files: every JSON file but the sensitivity study's (finished or in progress) and the epoch budget's.</summary>
    private IEnumerable<string> ClaimFiles() =>
        System.IO.Directory.GetFiles(Directory, "*.json")
            .Where(p => Path.GetFileName(p) is not (SensitivityRecord.FileName or SensitivityRecord.PartialFileName or EpochsNeededRecord.FileName));

    public string EpochsNeededPath => Path.Combine(Directory, EpochsNeededRecord.FileName);

    /// <summary>Writes the epoch budget's record atomically, stamped with the current schema version.</summary>
    public void Write(EpochsNeededRecord record) => WriteJson(EpochsNeededPath, record with { SchemaVersion = ResultSchema.CurrentVersion });

    /// <summary>One record as JSON, written atomically into the results folder.</summary>
    private void WriteJson<T>(string path, T record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(record, Json));
    }

    /// <summary>The epoch budget's record (<c>repro budget</c>), or null when there is none.</summary>
    /// <exception cref="InvalidRecordException">The file exists but is not a sound record.</exception>
    public EpochsNeededRecord? TryReadEpochsNeeded() =>
        File.Exists(EpochsNeededPath) ? ReadChecked<EpochsNeededRecord>(EpochsNeededPath, ResultSchema.Problems) : null;

    public string SensitivityPath => Path.Combine(Directory, SensitivityRecord.FileName);

    /// <summary>Writes the sensitivity study's record atomically, stamped with the current schema version.</summary>
    public void Write(SensitivityRecord record) => WriteJson(SensitivityPath, record with { SchemaVersion = ResultSchema.CurrentVersion });

    /// <summary>The sensitivity study's record, or null when there is none.</summary>
    /// <exception cref="InvalidRecordException">The file exists but is not a sound record.</exception>
    public SensitivityRecord? TryReadSensitivity() => TryReadSensitivity(SensitivityPath);

    public string PartialSensitivityPath => Path.Combine(Directory, SensitivityRecord.PartialFileName);

    /// <summary>A study in progress beside a finished one (<see cref="SensitivityRecord.PartialFileName"/>), or null when there is none.</summary>
    /// <exception cref="InvalidRecordException">The file exists but is not a sound record.</exception>
    public SensitivityRecord? TryReadPartialSensitivity() => TryReadSensitivity(PartialSensitivityPath);

    private static SensitivityRecord? TryReadSensitivity(string path) =>
        File.Exists(path) ? ReadChecked<SensitivityRecord>(path, ResultSchema.Problems) : null;

    /// <summary>Writes a study still in progress beside the finished record, which stays as it is.</summary>
    public void WritePartial(SensitivityRecord record) => WriteJson(PartialSensitivityPath, record with { SchemaVersion = ResultSchema.CurrentVersion });

    /// <summary>A study is complete: it replaces the finished record, and its partial file goes.</summary>
    public void CommitSensitivity(SensitivityRecord record)
    {
        Write(record);
        if (File.Exists(PartialSensitivityPath)) File.Delete(PartialSensitivityPath);
    }
}
