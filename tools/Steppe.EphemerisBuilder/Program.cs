// Builds the bundled compact ephemeris of Steppe.Core from JPL's DE405 ASCII export.
//
//   dotnet run --project tools/Steppe.EphemerisBuilder -c Release -- <folder> [output]
//
// <folder> holds header.405 and ascp1960.405 … ascp2040.405; output defaults to
// src/Steppe.Core/Bodies/Ephemerides/Data/de405-1960-2060.bin. The same input gives the same bytes.
using Steppe.Core.Bodies.Ephemerides;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Steppe.EphemerisBuilder <folder with header.405 and ascp*.405> [output file]");
    return 2;
}

string folder = args[0];
string output = args.Length > 1 ? args[1] : Path.Combine("src", "Steppe.Core", "Bodies", "Ephemerides", "Data", "de405-1960-2060.bin");
var files = Directory.GetFiles(folder, "ascp*.405").Order(StringComparer.Ordinal).ToArray();
if (files.Length == 0)
{
    Console.Error.WriteLine($"No ascp*.405 files in {folder}.");
    return 1;
}

var bytes = BundledEphemeris.Build(File.ReadAllText(Path.Combine(folder, "header.405")), files.Select(File.ReadAllText));
File.WriteAllBytes(output, bytes);
var check = CompactEphemeris.Read(bytes);
Console.WriteLine($"{output}: {bytes.Length} bytes, {check.Name}, {check.RecordCount} records, JD {check.StartTdbJulianDate} to {check.EndTdbJulianDate} (from {string.Join(", ", files.Select(Path.GetFileName))}).");
return 0;
