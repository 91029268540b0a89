using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.Sgp4;
using Xunit.Abstractions;

namespace Steppe.Core.Tests.Propagation.Sgp4;

/// <summary>
/// SGP4/SDP4 against the verification set of Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3",
/// AIAA 2006-6753: every listed time of all 33 cases, WGS-72 constants and the improved mode, as the reference output
/// (the paper's C++ code) was made.
/// </summary>
public class Vallado2006VerificationTests(ITestOutputHelper output)
{
    /// <summary>Per position component, km (the reference prints 1e-8 km).</summary>
    private const double PositionToleranceKm = 1e-6;

    /// <summary>Per velocity component, km/s (the reference prints 1e-9 km/s).</summary>
    private const double VelocityToleranceKmPerS = 1e-8;

    public static TheoryData<string> Cases => Sgp4VerificationData.CaseIds();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vallado2006_Sgp4Ver_Case(string id)
    {
        var c = Sgp4VerificationData.Case(id);
        Sgp4VerificationData.ExpectedErrors.TryGetValue(id, out var expectedError);

        if (id == Sgp4VerificationData.FailsAtInitialisation)
        {
            Assert.False(Sgp4Propagator.TryCreate(c.Elements, out var none, out var code));
            Assert.Null(none);
            Assert.Equal(expectedError, code);
            var ex = Assert.Throws<Sgp4Exception>(() => Sgp4Propagator.Create(c.Elements));
            Assert.Equal(expectedError, ex.Error);
            Assert.Contains("33334", ex.Message, StringComparison.Ordinal);
            return;
        }

        var propagator = Sgp4Propagator.Create(c.Elements);
        var (lines, failedAt) = Compare(c, propagator, (_, dr, dv) =>
        {
            Assert.True(dr <= PositionToleranceKm, $"{id}: position differs by {dr:E3} km");
            Assert.True(dv <= VelocityToleranceKmPerS, $"{id}: velocity differs by {dv:E3} km/s");
        });

        Assert.Equal(c.Reference.Count, lines);
        if (expectedError == Sgp4ErrorCode.None)
        {
            Assert.Null(failedAt);
        }
        else
        {
            // The reference run stopped here: we must fail at this very time, with the same code.
            Assert.NotNull(failedAt);
            Assert.Equal(expectedError, failedAt.Value.Error);
            Assert.False(failedAt.Value.IsSuccess);
            Assert.Contains(((int)expectedError).ToString(System.Globalization.CultureInfo.InvariantCulture), failedAt.Value.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Vallado2006_Sgp4Ver_WorstErrorsOverTheWholeSet()
    {
        double worstR = 0, worstV = 0;
        string worstRAt = "", worstVAt = "";
        int compared = 0;
        foreach (var c in Sgp4VerificationData.Cases)
        {
            if (c.Id == Sgp4VerificationData.FailsAtInitialisation) continue;
            var propagator = Sgp4Propagator.Create(c.Elements);
            var (lines, _) = Compare(c, propagator, (t, dr, dv) =>
            {
                if (dr > worstR) (worstR, worstRAt) = (dr, FormattableString.Invariant($"{c.Id} t={t}"));
                if (dv > worstV) (worstV, worstVAt) = (dv, FormattableString.Invariant($"{c.Id} t={t}"));
            });
            compared += lines;
        }

        output.WriteLine(FormattableString.Invariant($"{compared} states compared; worst position component error {worstR:E3} km ({worstRAt}), worst velocity component error {worstV:E3} km/s ({worstVAt})"));
        Assert.True(compared > 600);
        Assert.True(worstR <= PositionToleranceKm, $"worst position error {worstR:E3} km at {worstRAt}");
        Assert.True(worstV <= VelocityToleranceKmPerS, $"worst velocity error {worstV:E3} km/s at {worstVAt}");
    }

    /// <summary>Runs the driver's schedule, comparing with the reference while it has lines; returns how many lines were
    /// compared and the first failed result (null when none failed).</summary>
    private static (int Lines, Sgp4Result? FailedAt) Compare(VerificationCase c, Sgp4Propagator propagator, Action<double, double, double> check)
    {
        int line = 0;
        foreach (double t in c.Schedule())
        {
            var result = propagator.PropagateMinutes(t);
            if (line == c.Reference.Count)
            {
                Assert.False(result.IsSuccess, $"{c.Id}: the reference ended before t = {t} min but SGP4 succeeded there");
                return (line, result);
            }

            var expected = c.Reference[line++];
            Assert.Equal(expected.Minutes, t, 1e-7);
            Assert.True(result.IsSuccess, $"{c.Id}: {result.Message}");
            check(t, MaxComponent(result.PositionKm - expected.PositionKm), MaxComponent(result.VelocityKmPerS - expected.VelocityKmPerS));
        }

        return (line, null);
    }

    private static double MaxComponent(Vector3D d) => Math.Max(Math.Abs(d.X), Math.Max(Math.Abs(d.Y), Math.Abs(d.Z)));
}
