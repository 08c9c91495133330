namespace Repro.Report.Rendering;

/// <summary>
/// Greedy word wrapping within a width; words wider than the width are broken between characters.
/// "mean ± sd" stays on one line: a lone "±" binds to the words on both sides.
/// </summary>
public static class TextWrap
{
    /// <summary>The unbreakable words of one line of text.</summary>
    public static List<string> Words(string line)
    {
        var raw = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var words = new List<string>();
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == "±" && words.Count > 0 && i + 1 < raw.Length)
            {
                words[^1] = words[^1] + " ± " + raw[++i];
                continue;
            }
            words.Add(raw[i]);
        }
        return words;
    }

    public static IReadOnlyList<string> Wrap(string text, float width, Func<string, float> measure)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").ReplaceLineEndings("\n").Split('\n'))
        {
            var words = Words(paragraph);
            if (words.Count == 0)
            {
                lines.Add("");
                continue;
            }
            var line = "";
            foreach (var word in words)
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (measure(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1)
                {
                    int fit = FitPrefix(line, width, measure);
                    if (fit >= line.Length) break;
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// The longest prefix (at least one character, never splitting a surrogate pair) that fits the width; the whole string when it fits.
    /// The search gallops from the start, so that it measures prefixes about as long as one line, never the whole of a long word: a
    /// word of n characters wraps in O(n log n), not O(n²).
    /// </summary>
    private static int FitPrefix(string s, float width, Func<string, float> measure)
    {
        int lo = 1, hi, step = 1;
        while (true)
        {
            int next = Math.Min(s.Length, lo + step);
            if (next == lo) return s.Length;
            if (measure(s[..next]) > width) { hi = next - 1; break; }
            lo = next;
            step *= 2;
        }
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (measure(s[..mid]) <= width) lo = mid; else hi = mid - 1;
        }
        if (lo < s.Length && char.IsLowSurrogate(s[lo]) && lo > 1) lo--;
        return lo;
    }

    /// <summary>The width of the widest unbreakable word.</summary>
    public static float LongestWord(string text, Func<string, float> measure) =>
        (text ?? "").ReplaceLineEndings("\n").Split('\n').SelectMany(Words).Select(measure).DefaultIfEmpty(0).Max();

    /// <summary>The width of the widest line when not wrapped.</summary>
    public static float Natural(string text, Func<string, float> measure) =>
        (text ?? "").ReplaceLineEndings("\n").Split('\n').Select(measure).DefaultIfEmpty(0).Max();
}
