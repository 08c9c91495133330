using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Repro.Report.Rendering;

/// <summary>One line of a PDF outline ("bookmark"): what it shows, how deep it sits, and the named destination it opens.</summary>
/// <param name="Title">The text a viewer shows; any Unicode (written as UTF-16BE with a byte order mark).</param>
/// <param name="Level">1 for a top-level entry, 2 for an entry nested under the preceding level-1 entry (deeper levels nest likewise).</param>
/// <param name="Destination">A named destination the PDF already defines (for the report: the section's anchor).</param>
public sealed record OutlineEntry(string Title, int Level, string Destination);

/// <summary>
/// Adds a document outline (the catalog's /Outlines tree, shown by viewers as "bookmarks") to a finished PDF.
/// SkiaSharp 3.119's PDF backend writes named destinations but no outline (<see cref="SkiaSharp.SKDocumentPdfMetadata"/>
/// has no such option), so the outline is added afterwards as a standard incremental update (ISO 32000-1, 7.5.6):
/// the original bytes are kept as they are and new objects, a new version of the catalog, a cross-reference section
/// for them and a trailer pointing back at the old one (/Prev) are appended.
/// </summary>
/// <remarks>
/// <para>
/// Only what the update needs is read from the original: the last <c>startxref</c>, its classic cross-reference
/// table and trailer (/Size, /Root, /Info, /ID), and the catalog object's dictionary. A PDF in another shape
/// (a compressed cross-reference stream, an encrypted file, a catalog that already has an outline) is refused
/// with an <see cref="InvalidOperationException"/> rather than patched on a guess.
/// </para>
/// <para>
/// Destinations are written as name objects (<c>/Dest /Anchor</c>): Skia records each
/// <c>DrawNamedDestinationAnnotation</c> in the dictionary the catalog's /Dests entry refers to (the PDF 1.1 form, keyed
/// by names, e.g. <c>/Summary [2 0 R /XYZ 50 729.57 0]</c>), and its own links say <c>/Dest /Summary</c>. A string
/// (<c>/Dest (Summary)</c>) would be looked up in the /Dests name tree of the catalog's /Names dictionary, which Skia
/// does not write.
/// </para>
/// </remarks>
public static class PdfOutline
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>
    /// The PDF with the outline appended. Its first <c>pdf.Length</c> bytes are <paramref name="pdf"/> itself.
    /// No entries: the PDF is returned unchanged (an empty /Outlines tree would show an empty bookmarks pane).
    /// </summary>
    /// <exception cref="InvalidOperationException">The input is not a PDF of the expected shape.</exception>
    /// <exception cref="ArgumentException">An entry has a level below 1 or an empty destination.</exception>
    public static byte[] Add(byte[] pdf, IReadOnlyList<OutlineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            if (e.Level < 1) throw new ArgumentException($"Outline entry '{e.Title}' has level {e.Level}; levels start at 1.", nameof(entries));
            if (string.IsNullOrEmpty(e.Destination)) throw new ArgumentException($"Outline entry '{e.Title}' has no destination.", nameof(entries));
        }
        if (entries.Count == 0) return pdf;

        var original = Original.Read(pdf);
        var tree = Tree.Build(entries);

        // Object numbers: the outline root takes the first free number (the old /Size), its items the ones after.
        int rootNumber = original.Size;
        int ItemNumber(int index) => original.Size + 1 + index;
        string Ref(int number) => $"{number} 0 R";

        var output = new MemoryStream(pdf.Length + 256 * (entries.Count + 2));
        output.Write(pdf);
        // The original ends with "%%EOF" and usually an end-of-line; the update must start on a line of its own.
        if (pdf[^1] is not ((byte)'\n' or (byte)'\r')) Write(output, "\n");

        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        void WriteObject(int number, int generation, string dictionary)
        {
            offsets[number] = (output.Position, generation);
            Write(output, $"{number} {generation} obj\n{dictionary}\nendobj\n");
        }

        // The outline root: /Count is the number of items a viewer shows when it opens the file.
        WriteObject(rootNumber, 0, Dictionary(
            "/Type /Outlines",
            $"/First {Ref(ItemNumber(tree.Roots[0]))}",
            $"/Last {Ref(ItemNumber(tree.Roots[^1]))}",
            $"/Count {tree.VisibleBelow(null)}"));

        for (int i = 0; i < entries.Count; i++)
        {
            var node = tree.Nodes[i];
            var lines = new List<string>
            {
                $"/Title {TextString(entries[i].Title)}",
                $"/Parent {Ref(node.Parent is { } p ? ItemNumber(p) : rootNumber)}",
            };
            if (node.Prev is { } prev) lines.Add($"/Prev {Ref(ItemNumber(prev))}");
            if (node.Next is { } next) lines.Add($"/Next {Ref(ItemNumber(next))}");
            if (node.Children.Count > 0)
            {
                lines.Add($"/First {Ref(ItemNumber(node.Children[0]))}");
                lines.Add($"/Last {Ref(ItemNumber(node.Children[^1]))}");
                // Every item is open (a positive /Count): the report has a few dozen entries, two levels deep, and the
                // outline then reads like the printed contents with every claim's subsection in view, one click away.
                // A closed item (a negative /Count) would hide the claims, the entries readers look for most.
                lines.Add($"/Count {tree.VisibleBelow(i)}");
            }
            lines.Add($"/Dest {Name(entries[i].Destination)}");
            WriteObject(ItemNumber(i), 0, Dictionary([.. lines]));
        }

        // The new version of the catalog: same object number and generation, its entries as they were, plus the outline,
        // and /PageMode so that viewers open with the bookmarks pane showing.
        WriteObject(original.RootNumber, original.RootGeneration,
            "<<" + original.CatalogEntries + $"\n/Outlines {Ref(rootNumber)}\n/PageMode /UseOutlines>>");

        // A cross-reference section for the new and changed objects only, in runs of consecutive numbers
        // (each entry exactly 20 bytes: 10-digit offset, 5-digit generation, 'n', two-byte end of line).
        long xref = output.Position;
        var text = new StringBuilder("xref\n");
        var numbers = offsets.Keys.ToList();
        for (int start = 0; start < numbers.Count;)
        {
            int end = start;
            while (end + 1 < numbers.Count && numbers[end + 1] == numbers[end] + 1) end++;
            text.Append(CultureInfo.InvariantCulture, $"{numbers[start]} {end - start + 1}\n");
            for (int k = start; k <= end; k++)
            {
                var (offset, generation) = offsets[numbers[k]];
                text.Append(CultureInfo.InvariantCulture, $"{offset:D10} {generation:D5} n \n");
            }
            start = end + 1;
        }
        // The trailer: the new /Size, the same /Root and /Info (and /ID, which must not change), and /Prev, the old xref.
        var trailer = new List<string>
        {
            $"/Size {original.Size + 1 + entries.Count}",
            $"/Root {original.RootNumber} {original.RootGeneration} R",
        };
        if (original.Info is { } info) trailer.Add($"/Info {info}");
        if (original.Id is { } id) trailer.Add($"/ID {id}");
        trailer.Add($"/Prev {original.StartXref}");
        text.Append("trailer\n").Append(Dictionary([.. trailer]))
            .Append(CultureInfo.InvariantCulture, $"\nstartxref\n{xref}\n%%EOF\n");
        Write(output, text.ToString());
        return output.ToArray();
    }

    private static void Write(Stream s, string text) => s.Write(Latin1.GetBytes(text));

    private static string Dictionary(params string[] entries) => "<<" + string.Join("\n", entries) + ">>";

    /// <summary>A PDF text string: UTF-16BE with a byte order mark, written as a hex string (no escaping to get wrong).</summary>
    public static string TextString(string text)
    {
        var s = new StringBuilder("<FEFF", 6 + 4 * text.Length);
        foreach (char c in text) s.Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        return s.Append('>').ToString();
    }

    /// <summary>
    /// A PDF name object: the UTF-8 bytes of <paramref name="name"/>, each byte outside '!'..'~' and each delimiter or
    /// '#' written as #xx (ISO 32000-1, 7.3.5), as Skia escapes the names it writes.
    /// </summary>
    public static string Name(string name)
    {
        var s = new StringBuilder("/");
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            if (b < '!' || b > '~' || "#/%()<>[]{}".Contains((char)b)) s.Append(CultureInfo.InvariantCulture, $"#{b:X2}");
            else s.Append((char)b);
        }
        return s.ToString();
    }

    /// <summary>The outline's shape: each entry's parent, siblings and children, as indices into the entries.</summary>
    private sealed class Tree
    {
        public sealed class Node
        {
            public int? Parent, Prev, Next;
            public List<int> Children { get; } = [];
        }

        public List<Node> Nodes { get; } = [];
        public List<int> Roots { get; } = [];

        /// <summary>
        /// An entry nests under the nearest preceding entry of a lower level (a level-2 entry under the level-1 entry
        /// before it); one with no such entry (e.g. a level-2 entry first) becomes a top-level entry.
        /// </summary>
        public static Tree Build(IReadOnlyList<OutlineEntry> entries)
        {
            var tree = new Tree();
            var open = new Stack<int>(); // the current chain of ancestors
            for (int i = 0; i < entries.Count; i++)
            {
                while (open.Count > 0 && entries[open.Peek()].Level >= entries[i].Level) open.Pop();
                var node = new Node { Parent = open.Count > 0 ? open.Peek() : null };
                var siblings = node.Parent is { } p ? tree.Nodes[p].Children : tree.Roots;
                if (siblings.Count > 0)
                {
                    node.Prev = siblings[^1];
                    tree.Nodes[siblings[^1]].Next = i;
                }
                siblings.Add(i);
                tree.Nodes.Add(node);
                open.Push(i);
            }
            return tree;
        }

        /// <summary>How many items below an item (null: the root) a viewer shows: all of them, since every item is open.</summary>
        public int VisibleBelow(int? index)
        {
            var children = index is { } i ? Nodes[i].Children : Roots;
            return children.Sum(c => 1 + VisibleBelow(c));
        }
    }

    /// <summary>What the update needs to know of the original file.</summary>
    private sealed record Original(long StartXref, int Size, int RootNumber, int RootGeneration, string? Info, string? Id, string CatalogEntries)
    {
        public static Original Read(byte[] pdf)
        {
            var p = new Scanner(pdf);
            if (!p.At(0, "%PDF-")) throw Fail("the input does not start with %PDF-");

            // The last startxref (a file may have had updates before) gives the newest cross-reference section.
            int sx = p.LastIndexOf("startxref");
            if (sx < 0) throw Fail("no startxref found");
            int pos = p.SkipSpace(sx + "startxref".Length);
            long startXref = p.Integer(ref pos);
            if (startXref <= 0 || startXref >= pdf.Length) throw Fail($"startxref {startXref} lies outside the file");

            // The newest trailer names the catalog; the sections are walked, newest first (/Prev), until one lists it.
            var (entries, newest) = p.XrefSection((int)startXref); // < pdf.Length, checked above
            if (newest.ContainsKey("Encrypt")) throw Fail("it is encrypted");
            var (rootNumber, rootGeneration) = Reference(newest, "Root");
            var seen = new HashSet<long> { startXref };
            long catalogOffset;
            for (var trailer = newest; ;)
            {
                if (entries.TryGetValue(rootNumber, out var at) && at.Generation == rootGeneration)
                {
                    catalogOffset = at.Offset;
                    break;
                }
                if (!trailer.TryGetValue("Prev", out var prev) || !long.TryParse(prev, NumberStyles.None, CultureInfo.InvariantCulture, out var section))
                    throw Fail($"no cross-reference table lists the catalog ({rootNumber} {rootGeneration} obj); it may be in an object stream");
                if (!seen.Add(section)) throw Fail("the cross-reference sections' /Prev entries form a loop");
                (entries, trailer) = p.XrefSection((int)Math.Min(section, int.MaxValue));
            }

            if (!newest.TryGetValue("Size", out var sizeText) || !int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out int size))
                throw Fail("the trailer has no /Size");

            // The catalog object: "n g obj << ... >>". Its entries are copied as text, between the outer << and >>.
            pos = (int)catalogOffset;
            if (p.Integer(ref pos) != rootNumber || p.Integer(ref pos) != rootGeneration || !p.Keyword(ref pos, "obj"))
                throw Fail($"the catalog is not at the offset its cross-reference entry gives ({catalogOffset})");
            pos = p.SkipSpace(pos);
            int open = pos;
            var catalog = p.DictionaryAt(ref pos);
            if (!catalog.TryGetValue("Type", out var type) || type != "/Catalog") throw Fail($"object {rootNumber} {rootGeneration} is not a /Catalog");
            if (catalog.ContainsKey("Outlines")) throw Fail("the catalog already has an /Outlines entry");
            if (catalog.ContainsKey("PageMode")) throw Fail("the catalog already has a /PageMode entry");
            string entriesText = p.Text(open + 2, pos - 2);

            return new Original(startXref, size, rootNumber, rootGeneration, newest.GetValueOrDefault("Info"), newest.GetValueOrDefault("ID"), entriesText);
        }

        private static (int Number, int Generation) Reference(Dictionary<string, string> dict, string key)
        {
            var parts = dict.TryGetValue(key, out var v) ? v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
            if (parts.Length == 3 && parts[2] == "R"
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int g))
                return (n, g);
            throw Fail($"the trailer's /{key} is not an indirect reference");
        }
    }

    private static InvalidOperationException Fail(string why) =>
        new($"Cannot add an outline to this PDF: {why} (expected an unencrypted PDF with a classic cross-reference table, as SkiaSharp writes).");

    /// <summary>
    /// Just enough of a PDF tokenizer to read a cross-reference table, a trailer and a dictionary: whitespace and
    /// comments, integers, keywords, and the skipping of any object (so that nested dictionaries, arrays, strings
    /// with parentheses or "&gt;&gt;" inside, and references are stepped over whole).
    /// </summary>
    private sealed class Scanner(byte[] b)
    {
        private static bool IsSpace(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;
        private static bool IsDelimiter(byte c) => c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
        private static bool IsRegular(byte c) => !IsSpace(c) && !IsDelimiter(c);

        private byte this[int i] => i < b.Length ? b[i] : throw Fail("it ends in the middle of an object");

        public bool At(int pos, string s) => pos + s.Length <= b.Length && Latin1.GetString(b, pos, s.Length) == s;

        public int LastIndexOf(string s) => b.AsSpan().LastIndexOf(Latin1.GetBytes(s));

        public string Text(int from, int to) => Latin1.GetString(b, from, to - from);

        public int SkipSpace(int pos)
        {
            while (pos < b.Length)
            {
                if (IsSpace(b[pos])) pos++;
                else if (b[pos] == '%') while (pos < b.Length && b[pos] is not ((byte)'\n' or (byte)'\r')) pos++;
                else break;
            }
            return pos;
        }

        private string Token(ref int pos)
        {
            pos = SkipSpace(pos);
            int start = pos;
            while (pos < b.Length && IsRegular(b[pos])) pos++;
            return Text(start, pos);
        }

        public long Integer(ref int pos)
        {
            var t = Token(ref pos);
            return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Fail($"expected a number, found '{Clip(t)}'");
        }

        public bool Keyword(ref int pos, string keyword)
        {
            int p = pos;
            if (Token(ref p) != keyword) return false;
            pos = p;
            return true;
        }

        /// <summary>A classic cross-reference section ("xref", subsections, "trailer", dictionary) at an offset.</summary>
        public (Dictionary<int, (long Offset, int Generation)> Entries, Dictionary<string, string> Trailer) XrefSection(int pos)
        {
            if (pos < 0 || pos >= b.Length) throw Fail($"a cross-reference offset ({pos}) lies outside the file");
            if (!Keyword(ref pos, "xref"))
            {
                // "n 0 obj << /Type /XRef ... >> stream" is PDF 1.5's compressed form, which this class does not read.
                bool isStream = Regex.IsMatch(Text(pos, Math.Min(b.Length, pos + 24)), @"^\s*\d+\s+\d+\s+obj");
                throw Fail(isStream ? "its cross-reference is a compressed stream (PDF 1.5+)" : $"no 'xref' keyword at startxref's offset {pos}");
            }
            var entries = new Dictionary<int, (long, int)>();
            while (!Keyword(ref pos, "trailer"))
            {
                long first = Integer(ref pos), count = Integer(ref pos);
                for (long k = 0; k < count; k++)
                {
                    long offset = Integer(ref pos);
                    int generation = (int)Integer(ref pos);
                    var kind = Token(ref pos);
                    if (kind == "n") entries[(int)(first + k)] = (offset, generation);
                    else if (kind != "f") throw Fail($"a cross-reference entry of type '{Clip(kind)}'");
                }
            }
            pos = SkipSpace(pos);
            return (entries, DictionaryAt(ref pos));
        }

        /// <summary>The dictionary at pos: its top-level keys (without '/') and their values as written; pos ends after "&gt;&gt;".</summary>
        public Dictionary<string, string> DictionaryAt(ref int pos)
        {
            if (!At(pos, "<<")) throw Fail($"expected a dictionary at offset {pos}");
            pos += 2;
            var dict = new Dictionary<string, string>(StringComparer.Ordinal);
            while (true)
            {
                pos = SkipSpace(pos);
                if (At(pos, ">>")) { pos += 2; return dict; }
                if (this[pos] != '/') throw Fail($"expected a name as a dictionary key at offset {pos}");
                pos++;
                var key = Token(ref pos);
                pos = SkipSpace(pos);
                int start = pos;
                SkipObject(ref pos);
                dict[key] = Text(start, pos);
            }
        }

        /// <summary>Steps over one object: a dictionary, array, string, name, or a number, keyword or reference ("5 0 R").</summary>
        private void SkipObject(ref int pos)
        {
            pos = SkipSpace(pos);
            switch ((char)this[pos])
            {
                case '<' when At(pos, "<<"):
                    DictionaryAt(ref pos);
                    return;
                case '<':
                    while (this[pos] != '>') pos++;
                    pos++;
                    return;
                case '[':
                    pos++;
                    while (true)
                    {
                        pos = SkipSpace(pos);
                        if (this[pos] == ']') { pos++; return; }
                        SkipObject(ref pos);
                    }
                case '(':
                    // Balanced parentheses may appear unescaped; a backslash escapes the next byte.
                    int depth = 0;
                    do
                    {
                        byte c = this[pos++];
                        if (c == '\\') pos++;
                        else if (c == '(') depth++;
                        else if (c == ')') depth--;
                    } while (depth > 0);
                    return;
                case '/':
                    pos++;
                    while (pos < b.Length && IsRegular(b[pos])) pos++;
                    return;
                default:
                    var t = Token(ref pos);
                    if (t.Length == 0) throw Fail($"unexpected '{(char)this[pos]}' at offset {pos}");
                    // An indirect reference is three tokens: "number generation R".
                    int p = pos;
                    if (t.All(char.IsAsciiDigit) && Token(ref p) is { Length: > 0 } g && g.All(char.IsAsciiDigit) && Token(ref p) == "R") pos = p;
                    return;
            }
        }

        private static string Clip(string s) => s.Length <= 20 ? s : s[..20] + "…";
    }
}
