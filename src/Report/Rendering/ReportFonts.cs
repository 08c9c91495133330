using SkiaSharp;

namespace Repro.Report.Rendering;

public enum Face { Regular, Bold, Italic, BoldItalic }

/// <summary>
/// The report's typefaces: DejaVu Sans (Debian's fonts-dejavu-core) when installed, found by family name or by its
/// usual file path; Skia's default typeface otherwise. Also measures text, which the layout needs for wrapping.
/// </summary>
public sealed class ReportFonts
{
    public const string PreferredFamily = "DejaVu Sans";

    private static readonly string[] FontDirs = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts", "/Library/Fonts", @"C:\Windows\Fonts"];

    private static readonly Lazy<ReportFonts> Shared = new(() => new ReportFonts());

    /// <summary>Typefaces are immutable and loaded once per process.</summary>
    public static ReportFonts Default => Shared.Value;

    private readonly SKTypeface[] _faces;

    /// <summary>The family actually in use (DejaVu Sans, or the fallback's).</summary>
    public string FamilyName { get; }

    /// <summary>The font file in use for the regular face, when found by path (ScottPlot registers it under <see cref="FamilyName"/>).</summary>
    public string? RegularFile { get; }

    private ReportFonts()
    {
        _faces =
        [
            Load(SKFontStyle.Normal, "DejaVuSans.ttf", out var regularFile),
            Load(SKFontStyle.Bold, "DejaVuSans-Bold.ttf", out _),
            Load(SKFontStyle.Italic, "DejaVuSans-Oblique.ttf", out _),
            Load(SKFontStyle.BoldItalic, "DejaVuSans-BoldOblique.ttf", out _),
        ];
        RegularFile = regularFile;
        FamilyName = _faces[0].FamilyName;
    }

    private static SKTypeface Load(SKFontStyle style, string file, out string? path)
    {
        path = null;
        var byName = SKTypeface.FromFamilyName(PreferredFamily, style);
        if (byName is not null && byName.FamilyName == PreferredFamily) return byName;
        foreach (var dir in FontDirs)
        {
            var p = Path.Combine(dir, file);
            if (!File.Exists(p)) continue;
            var tf = SKTypeface.FromFile(p);
            if (tf is null) continue;
            path = p;
            return tf;
        }
        return byName ?? SKTypeface.Default;
    }

    public SKTypeface this[Face face] => _faces[(int)face];

    public SKFont Font(Face face, float size) => new(this[face], size)
    {
        Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias,
    };

    public float Measure(string text, Face face, float size)
    {
        using var font = Font(face, size);
        return font.MeasureText(text);
    }
}
