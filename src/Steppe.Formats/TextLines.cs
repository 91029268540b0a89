namespace Steppe.Formats;

/// <summary>Splits text into lines at CR LF, LF or CR (and nowhere else), as the readers number them.</summary>
internal static class TextLines
{
    /// <summary>The lines of <paramref name="text"/>, without their line breaks; a final line break ends the last line
    /// (it does not start an empty one), and an empty text has no lines.</summary>
    public static Enumerator Enumerate(string text) => new(text);

    /// <summary>Enumerates the lines of a text.</summary>
    public ref struct Enumerator(string text)
    {
        private int _next;
        private ReadOnlySpan<char> _current;

        public readonly ReadOnlySpan<char> Current => _current;

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next >= text.Length)
            {
                return false;
            }

            var rest = text.AsSpan(_next);
            int end = rest.IndexOfAny('\r', '\n');
            if (end < 0)
            {
                _current = rest;
                _next = text.Length;
                return true;
            }

            _current = rest[..end];
            _next += end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1);
            return true;
        }
    }
}
