using System.Globalization;
using System.Text.Json;
using Steppe.Formats.Cdm;

namespace Steppe.Cli.Tests;

public class ScreenCommandTests
{
    private static readonly string Resource = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_resource.tle");

    private static readonly string[] Span = ["--from", "2026-05-30T12:00:00Z", "--to", "2026-05-31T00:00:00Z"];

    private static (int Code, string Out, string Error) Screen(params string[] extra) =>
        CliRunner.Run([.. new[] { "screen", "--elements", Resource }, .. Span, .. extra]);

    [Fact]
    public void Csv_HasUnitsInTheHeader_AndEveryRowWithinTheThreshold_InTcaOrder()
    {
        var (code, output, error) = Screen("--threshold", "30", "--format", "csv");
        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.Equal(
            "tca_utc,primary_norad,primary_name,secondary_norad,secondary_name,miss_km,relative_speed_km_s,radial_km,in_track_km,cross_track_km,pc,hbr_m,"
            + "primary_sigma_r_km,primary_sigma_i_km,primary_sigma_c_km,secondary_sigma_r_km,secondary_sigma_i_km,secondary_sigma_c_km,primary_age_days,secondary_age_days,"
            + "primary_covariance,secondary_covariance",
            lines[0]);
        Assert.True(lines.Length > 10, output);
        var previous = string.Empty;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            double miss = double.Parse(f[5], CultureInfo.InvariantCulture);
            Assert.InRange(miss, 0, 30);
            double r = double.Parse(f[7], CultureInfo.InvariantCulture), i = double.Parse(f[8], CultureInfo.InvariantCulture), c = double.Parse(f[9], CultureInfo.InvariantCulture);
            Assert.Equal(miss, Math.Sqrt((r * r) + (i * i) + (c * c)), 6);
            Assert.InRange(double.Parse(f[10], CultureInfo.InvariantCulture), 0, 1);
            Assert.True(string.CompareOrdinal(previous, f[0]) <= 0);
            previous = f[0];
        }

        Assert.Contains("Covariance ASSUMED", error);
    }

    [Fact]
    public void WithoutElements_ScreensTheLatestElementsOfTheCatalog_AsFromTheSameFile()
    {
        var db = Path.Combine(Path.GetTempPath(), $"steppe-screen-{Guid.NewGuid():N}.db");
        try
        {
            var (importCode, _, importError) = CliRunner.Run("catalog", "import", Resource, "--db", db);
            Assert.True(importCode == 0, importError);
            var (fileCode, fromFile, fileError) = Screen("--threshold", "30", "--format", "csv");
            Assert.True(fileCode == 0, fileError);
            var (code, fromCatalog, error) = CliRunner.Run([.. new[] { "screen", "--db", db }, .. Span, "--threshold", "30", "--format", "csv"]);
            Assert.True(code == 0, error);
            Assert.True(fromFile.Split('\n').Length > 10, fromFile);

            // Same events; only the element ages (columns 18 and 19, from the read time) may differ.
            static string[] Events(string csv) => [.. csv.Trim().Split('\n').Select(l => string.Join(',', l.Split(',')[..18]))];
            Assert.Equal(Events(fromFile), Events(fromCatalog));

            var (emptyCode, _, emptyError) = CliRunner.Run([.. new[] { "screen", "--db", db + ".empty.db" }, .. Span]);
            Assert.Equal(3, emptyCode);
            Assert.Contains("no element sets", emptyError);
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(db) + "*")) File.Delete(f);
        }
    }

    [Fact]
    public void Cdm_EveryEventIsAMessage_ThatTheReaderAccepts()
    {
        var (code, csv, _) = Screen("--threshold", "30", "--format", "csv");
        Assert.Equal(0, code);
        var rows = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();

        var (code2, kvn, error) = Screen("--threshold", "30", "--format", "cdm");
        Assert.True(code2 == 0, error);
        var read = CdmKvnReader.Read(kvn, "stdout");
        Assert.Empty(read.Diagnostics);
        Assert.Equal(rows.Count, read.Messages.Count);
        for (int k = 0; k < rows.Count; k++)
        {
            var m = read.Messages[k];
            Assert.Equal(rows[k][1], m.Object1.ObjectDesignator);
            Assert.Equal(rows[k][3], m.Object2.ObjectDesignator);
            Assert.Equal(double.Parse(rows[k][5], CultureInfo.InvariantCulture) * 1000, m.Relative.MissDistanceM, 6);
            Assert.Equal(CdmKeywords.CovarianceDefault, m.Object1.CovarianceMethod);
            Assert.Equal("GCRF", m.Object2.RefFrame);
            Assert.Equal("FOSTER-1992", m.Relative.CollisionProbabilityMethod);
            Assert.Contains(m.Relative.Comments, c => c.Contains("ASSUMED", StringComparison.Ordinal));

            // Distance is frame-independent: the GCRF states give the miss distance.
            Assert.Equal(m.Relative.MissDistanceM, (m.Object2.PositionKm - m.Object1.PositionKm).Length * 1000, 3);
        }
    }

    [Fact]
    public void Output_WritesOneCdmFilePerEvent()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"steppe-cdm-{Guid.NewGuid():N}");
        try
        {
            var (code, json, error) = Screen("--threshold", "20", "--format", "json", "--output", dir);
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(json);
            int events = doc.RootElement.GetArrayLength();
            Assert.True(events > 0);
            Assert.True(doc.RootElement[0].TryGetProperty("miss_km", out _));
            var files = Directory.GetFiles(dir, "*.cdm");
            Assert.Equal(events, files.Length);
            Assert.All(files, f => Assert.Single(CdmKvnReader.Read(File.ReadAllText(f), Path.GetFileName(f)).MessagesOrThrow()));
            Assert.Contains($"{events} CDM file(s) written", error);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Primaries_OnlyTheirEvents_AndABoxIsHonoured()
    {
        // KazEOSat 1 and 2 are in the resource group.
        var (code, output, error) = Screen("--primaries", "39731,40010", "--ric-box", "5,60,5", "--format", "csv");
        Assert.True(code == 0, error);
        foreach (var line in output.Trim().Split('\n').Skip(1))
        {
            var f = line.Split(',');
            Assert.Contains(f[1], new[] { "39731", "40010" });
            Assert.InRange(Math.Abs(double.Parse(f[7], CultureInfo.InvariantCulture)), 0, 5);
            Assert.InRange(Math.Abs(double.Parse(f[8], CultureInfo.InvariantCulture)), 0, 60);
            Assert.InRange(Math.Abs(double.Parse(f[9], CultureInfo.InvariantCulture)), 0, 5);
        }
    }

    /// <summary>
    /// <c>--covariance history</c> on a catalog where one object has a synthetic element-set history: ten daily sets
    /// before the screened one, each reproducing the screened set's SGP4 orbit at its own epoch (fitted to it) but with its
    /// mean motion off by ±δn, so that each older set drifts 2π·a·δn km per day in-track from the truth. That object's
    /// σ in the output is the TLE-differencing estimate (in-track growth 2π·a·δn per day), its CDM says CALCULATED and its
    /// Pc changes; the other objects, one set each, keep the assumed σ.
    /// </summary>
    [Fact]
    public void HistoryCovariance_EstimatesTheObjectWithHistory_AndTheOthersFallBack()
    {
        var (code0, assumedCsv, error0) = Screen("--threshold", "30", "--format", "csv");
        Assert.True(code0 == 0, error0);
        var assumedRows = assumedCsv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(assumedRows);
        // The subject: the primary of the event with the largest assumed Pc.
        int likeliest = assumedRows.Select((f, i) => (Pc: double.Parse(f[10], CultureInfo.InvariantCulture), i)).Max().i;
        Assert.True(double.Parse(assumedRows[likeliest][10], CultureInfo.InvariantCulture) > 1e-6);
        int subject = int.Parse(assumedRows[likeliest][1], CultureInfo.InvariantCulture);

        var catalog = Steppe.Formats.Tle.TleReader.Read(File.ReadAllText(Resource)).ElementsOrThrow();
        var screened = catalog.Single(e => e.CatalogNumber == subject);
        const double deltaN = 4e-5; // rev/day
        var truth = Steppe.Core.Propagation.Sgp4.Sgp4Propagator.Create(screened);
        var history = new List<Steppe.Core.Orbits.MeanElements>();
        for (int k = 1; k <= 10; k++)
        {
            var epoch = screened.Epoch.AddSeconds(-k * 86400.0);
            var points = Enumerable.Range(-6, 13).Select(m => epoch.AddSeconds(m * 600.0))
                .Select(t => new Steppe.Dynamics.Estimation.ElementFitPoint(t, truth.Propagate(t).PositionKm)).ToList();
            var fitted = Steppe.Dynamics.Estimation.ElementSetFit.Fit(points, epoch, screened,
                new Steppe.Dynamics.Estimation.ElementSetFitOptions { EstimateBStar = false, InitialBStarPerEarthRadii = screened.BStarPerEarthRadii }).Elements;
            var set = fitted with { MeanMotionRevPerDay = fitted.MeanMotionRevPerDay + (k % 2 == 0 ? deltaN : -deltaN) };
            var (l1, l2) = Steppe.Formats.Tle.TleWriter.Write(set);
            history.Add(Steppe.Formats.Tle.TleReader.ParseLines(l1, l2, screened.Name)); // as the catalog will hold it
        }

        var db = Path.Combine(Path.GetTempPath(), $"steppe-screen-history-{Guid.NewGuid():N}.db");
        var historyFile = db + ".tle";
        try
        {
            File.WriteAllText(historyFile, Steppe.Formats.Tle.TleWriter.WriteText(history));
            foreach (var file in new[] { historyFile, Resource })
            {
                var (importCode, _, importError) = CliRunner.Run("catalog", "import", file, "--db", db);
                Assert.True(importCode == 0, importError);
            }

            var (code, csv, error) = Screen("--threshold", "30", "--format", "csv", "--db", db, "--covariance", "history");
            Assert.True(code == 0, error);
            Assert.Contains("covariance estimated from the element-set history of 1 of", error);
            Assert.Contains("Covariance ESTIMATED for 1 object", error);
            var rows = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(assumedRows.Count, rows.Count);

            // The independent expectation: each older set is 2π a δn km per day of age off in-track.
            double a = Math.Cbrt(398600.4418 * Math.Pow(86400 / (2 * Math.PI * screened.MeanMotionRevPerDay), 2));
            double expectedRate = 2 * Math.PI * a * deltaN;
            var estimate = Steppe.Planning.Determination.ElementSetCovariance.ForScreening(screened, history)!;
            Assert.Equal(11, estimate.Sets);
            Assert.InRange(estimate.Sigma!.InTrackKmPerDay, 0.8 * expectedRate, 1.2 * expectedRate);

            bool sawEstimated = false;
            for (int k = 0; k < rows.Count; k++)
            {
                var (row, before) = (rows[k], assumedRows[k]);
                Assert.Equal(before[..10], row[..10]); // the same approaches
                double Number(string[] f, int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
                foreach (var (norad, sigmaColumn, ageColumn, kindColumn) in new[] { (1, 12, 18, 20), (3, 15, 19, 21) })
                {
                    if (int.Parse(row[norad], CultureInfo.InvariantCulture) == subject)
                    {
                        sawEstimated = true;
                        Assert.Equal("estimated", row[kindColumn]);
                        var (_, inTrack, _) = estimate.Sigma.At(Number(row, ageColumn));
                        Assert.Equal(inTrack, Number(row, sigmaColumn + 1), 3);
                        Assert.InRange(Number(row, sigmaColumn + 1), expectedRate * Number(row, ageColumn) * 0.8, (expectedRate * Number(row, ageColumn) * 1.2) + 0.1);
                        Assert.NotEqual(Number(before, sigmaColumn + 1), Number(row, sigmaColumn + 1), 3);
                    }
                    else
                    {
                        Assert.Equal("assumed", row[kindColumn]);
                        Assert.Equal(before[sigmaColumn..(sigmaColumn + 3)], row[sigmaColumn..(sigmaColumn + 3)]);
                    }
                }
            }

            Assert.True(sawEstimated);
            double assumedPc = double.Parse(assumedRows[likeliest][10], CultureInfo.InvariantCulture);
            double estimatedPc = double.Parse(rows[likeliest][10], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(estimatedPc - assumedPc) > 0.05 * assumedPc, $"Pc assumed {assumedPc}, estimated {estimatedPc}");

            var (cdmCode, kvn, cdmError) = Screen("--threshold", "30", "--format", "cdm", "--db", db, "--covariance", "history");
            Assert.True(cdmCode == 0, cdmError);
            var first = CdmKvnReader.Read(kvn, "stdout").MessagesOrThrow()[likeliest];
            Assert.Equal(subject.ToString(CultureInfo.InvariantCulture), first.Object1.ObjectDesignator);
            Assert.Equal(CdmKeywords.CovarianceCalculated, first.Object1.CovarianceMethod);
            Assert.Equal(first.Object2.ObjectDesignator == first.Object1.ObjectDesignator ? CdmKeywords.CovarianceCalculated : CdmKeywords.CovarianceDefault, first.Object2.CovarianceMethod);
            Assert.Equal(Math.Pow(estimate.Sigma.At((first.Relative.Tca - screened.Epoch).TotalDays).InTrack * 1000, 2), first.Object1.Covariance.PositionRtnM2.M22, 1e-6 * first.Object1.Covariance.PositionRtnM2.M22);
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(db) + "*")) File.Delete(f);
        }
    }

    [Fact]
    public void Table_IsTheDefault_WithTheAssumptionInTheCaption()
    {
        var (code, output, error) = Screen("--threshold", "30");
        Assert.True(code == 0, error);
        Assert.Contains("miss (km)", output);
        Assert.Contains("Covariance ASSUMED", output);
    }

    [Theory]
    [InlineData(new[] { "--primaries", "99999" }, 3, "no element set for primary 99999")]
    [InlineData(new[] { "--primaries", "39731,abc" }, 2, "--primaries")]
    [InlineData(new[] { "--ric-box", "1,2" }, 2, "--ric-box")]
    [InlineData(new[] { "--threshold", "-1" }, 2, "--threshold")]
    [InlineData(new[] { "--hbr", "-3" }, 2, "--hbr")]
    public void BadArguments_AreOneLineErrors(string[] extra, int exitCode, string expected)
    {
        var (code, _, error) = Screen(extra);
        Assert.Equal(exitCode, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ToBeforeFrom_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("screen", "--elements", Resource, "--from", "2026-05-31T00:00:00Z", "--to", "2026-05-30T00:00:00Z");
        Assert.Equal(2, code);
        Assert.Contains("--to", error);
    }
}
