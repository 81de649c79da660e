namespace OrderCluster.Ml.Cli.Io;

/// <summary>The layout of an input file.</summary>
internal enum SeriesFormat
{
    /// <summary>Long when the header has exactly three columns and the first data row's second cell is not a number; wide otherwise.</summary>
    Auto,

    /// <summary>See <see cref="WideCsv"/>.</summary>
    Wide,

    /// <summary>See <see cref="LongCsv"/>.</summary>
    Long,
}

/// <summary>Opens a series file in the requested or detected layout.</summary>
internal static class SeriesFile
{
    public static SeriesSet Read(string path, SeriesFormat format)
    {
        if (format == SeriesFormat.Auto)
        {
            format = Detect(path);
        }

        using var reader = new StreamReader(path);
        return format == SeriesFormat.Long ? LongCsv.Read(reader, path) : WideCsv.Read(reader, path);
    }

    private static SeriesFormat Detect(string path)
    {
        using var reader = new StreamReader(path);
        var lines = CsvText.Lines(reader).Take(2).Select(l => CsvText.Split(l.Line)).ToList();
        if (lines.Count < 2 || lines[0].Count != 3 || lines[1].Count != 3)
        {
            return SeriesFormat.Wide;
        }

        return CsvText.TryParseValue(lines[1][1], out _) ? SeriesFormat.Wide : SeriesFormat.Long;
    }
}
