using System.Text;
using Steppe.Formats.Tests.Omm;

namespace Steppe.Formats.Tests;

/// <summary>Reading element sets from a stream: the same sets as from text, and a fast failure with bounded memory on garbage.</summary>
public class ElementSetStreamReaderTests
{
    private const long OneGiB = 1L << 30;

    /// <summary>A stream of <paramref name="length"/> bytes: <paramref name="head"/>, then <paramref name="fill"/> repeated.</summary>
    private sealed class Generated(byte[] head, byte[] fill, long length) : Stream
    {
        private long _position;

        public long BytesRead => _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - _position);
            for (int i = 0; i < n; i++)
            {
                long at = _position + i;
                buffer[offset + i] = at < head.Length ? head[at] : fill[(at - head.Length) % fill.Length];
            }

            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static (ElementSetReadResult Result, long AllocatedBytes, long BytesRead) Measure(string head, string fill, long length = OneGiB, long maxChars = ElementSetStreamReader.DefaultMaxChars)
    {
        using var stream = new Generated(Encoding.UTF8.GetBytes(head), Encoding.UTF8.GetBytes(fill), length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = ElementSetStreamReader.Read(stream, ElementSetReadOptions.For("big"), maxChars);
        return (result, GC.GetAllocatedBytesForCurrentThread() - before, stream.BytesRead);
    }

    [Fact]
    public void Zeros_fail_at_line_1_column_1_after_one_block()
    {
        var (result, allocated, read) = Measure(string.Empty, "\0");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((1, 1), (d.Line, d.Column));
        Assert.Contains("binary", d.Message);
        Assert.Empty(result.Elements);
        Assert.True(read <= 1 << 20, $"read {read} bytes");
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_gigabyte_of_text_that_is_no_element_set_fails_after_the_detection_window()
    {
        var (result, allocated, read) = Measure(string.Empty, "the quick brown fox jumps over the lazy dog\n");
        Assert.Contains("expected element sets", Assert.Single(result.Diagnostics).Message);
        Assert.True(read <= 1 << 20, $"read {read} bytes");
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_gigabyte_of_garbage_after_valid_sets_fails_at_the_first_bad_line_with_bounded_memory()
    {
        var tle = OmmTestData.Text("elements", "2026-05-30_stations.tle").ReplaceLineEndings("\n");
        int tleLines = tle.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var (result, allocated, read) = Measure(tle, "garbage line\n");
        Assert.True(result.HasErrors);
        Assert.Equal(tleLines + 1, result.Diagnostics.Min(d => d.Line));
        Assert.True(read <= 4 << 20, $"read {read} bytes");
        Assert.True(allocated < 64 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void An_endless_line_in_TLE_text_fails_at_its_line()
    {
        var tle = OmmTestData.Text("elements", "2026-05-30_stations.tle").ReplaceLineEndings("\n");
        int tleLines = tle.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var (result, allocated, _) = Measure(tle, "x");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(tleLines + 1, d.Line);
        Assert.Contains("longer than", d.Message);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Input_over_the_limit_fails_as_soon_as_it_passes_it()
    {
        var (result, _, read) = Measure("[", " ", OneGiB, maxChars: 1 << 20);
        Assert.Contains("larger than", Assert.Single(result.Diagnostics).Message);
        Assert.True(read <= 2 << 20, $"read {read} bytes");
    }

    [Theory]
    [InlineData("elements", "2026-05-30_stations.tle")]
    [InlineData("elements", "2026-09-06_orbcomm.xml")]
    [InlineData("2025-05-24_weather.json")]
    [InlineData("catalog", "2026-08-22_active.csv")]
    public void A_stream_gives_the_same_sets_as_the_text(params string[] path)
    {
        var text = OmmTestData.Text(path);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var fromStream = ElementSetStreamReader.Read(stream, ElementSetReadOptions.For(path[^1]));
        var fromText = ElementSetReader.Read(text, ElementSetReadOptions.For(path[^1]));
        Assert.Equal(fromText.Elements, fromStream.Elements);
        Assert.Equal(fromText.Diagnostics, fromStream.Diagnostics);
    }

    [Fact]
    public void Chunked_TLE_reading_numbers_lines_across_chunks()
    {
        // ~3 MB of TLE text (several chunks), with one bad checksum near the end: the same sets and the same line as the text reader.
        var tle = OmmTestData.Text("elements", "2026-05-30_stations.tle").ReplaceLineEndings("\n");
        var builder = new StringBuilder();
        while (builder.Length < 3 << 20) builder.Append(tle);
        var lines = builder.ToString().Split('\n').ToList();
        int bad = lines.Count - 10;
        while (!lines[bad].StartsWith("1 ", StringComparison.Ordinal)) bad++;
        lines[bad] = lines[bad][..^1] + (lines[bad][^1] == '0' ? '1' : '0');
        var text = string.Join('\n', lines);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var fromStream = ElementSetStreamReader.Read(stream);
        var fromText = ElementSetReader.Read(text);
        Assert.Equal(fromText.Elements.Count, fromStream.Elements.Count);
        Assert.Equal(bad + 1, Assert.Single(fromStream.Diagnostics).Line);
        Assert.Equal(fromText.Diagnostics, fromStream.Diagnostics);
    }

    [Fact]
    public void ReadText_throws_on_binary_data()
    {
        using var stream = new MemoryStream([(byte)'1', (byte)' ', 0, 0]);
        var e = Assert.Throws<ElementSetFormatException>(() => ElementSetStreamReader.ReadText(stream));
        Assert.Equal(3, e.Diagnostics[0].Column);
    }
}
