namespace Steppe.Formats.Omm;

/// <summary>
/// The CCSDS Orbit Mean-Elements Message keywords, values, units and XML element names that Steppe reads and writes,
/// spelled verbatim as CCSDS 502.0-B-2/-3 (section 4, annex G) and the NDM/XML schema spell them, defined once for
/// every OMM encoding (JSON, XML, KVN, CSV).
/// </summary>
public static class OmmKeywords
{
    /// <summary>Message version line, the first line of a KVN message (<c>CCSDS_OMM_VERS = 2.0</c>).</summary>
    public const string Version = "CCSDS_OMM_VERS";

    /// <summary>Comment line (KVN) or element (XML); free text, ignored on reading.</summary>
    public const string Comment = "COMMENT";

    /// <summary>Header: message creation date.</summary>
    public const string CreationDate = "CREATION_DATE";

    /// <summary>Header: creating agency or operator.</summary>
    public const string Originator = "ORIGINATOR";

    /// <summary>Metadata: spacecraft name.</summary>
    public const string ObjectName = "OBJECT_NAME";

    /// <summary>Metadata: international designator in COSPAR form, <c>YYYY-NNNP{PP}</c>.</summary>
    public const string ObjectId = "OBJECT_ID";

    /// <summary>Metadata: origin of the reference frame (<see cref="CenterEarth"/> for SGP4 elements).</summary>
    public const string CenterName = "CENTER_NAME";

    /// <summary>Metadata: reference frame of the elements (<see cref="FrameTeme"/> for SGP4 elements).</summary>
    public const string RefFrame = "REF_FRAME";

    /// <summary>Metadata: time system of the epoch (<see cref="TimeSystemUtc"/> for SGP4 elements).</summary>
    public const string TimeSystem = "TIME_SYSTEM";

    /// <summary>Metadata: the theory the mean elements belong to (<see cref="TheorySgp4"/> or <see cref="TheorySgpSgp4"/>).</summary>
    public const string MeanElementTheory = "MEAN_ELEMENT_THEORY";

    /// <summary>Mean elements: epoch, ISO 8601 calendar or day-of-year form.</summary>
    public const string Epoch = "EPOCH";

    /// <summary>Mean elements: semi-major axis, km (an alternative to <see cref="MeanMotion"/> that SGP4 cannot use).</summary>
    public const string SemiMajorAxis = "SEMI_MAJOR_AXIS";

    /// <summary>Mean elements: Kozai mean motion, rev/day.</summary>
    public const string MeanMotion = "MEAN_MOTION";

    /// <summary>Mean elements: eccentricity.</summary>
    public const string Eccentricity = "ECCENTRICITY";

    /// <summary>Mean elements: inclination, degrees.</summary>
    public const string Inclination = "INCLINATION";

    /// <summary>Mean elements: right ascension of the ascending node, degrees.</summary>
    public const string RaOfAscNode = "RA_OF_ASC_NODE";

    /// <summary>Mean elements: argument of pericentre, degrees.</summary>
    public const string ArgOfPericenter = "ARG_OF_PERICENTER";

    /// <summary>Mean elements: mean anomaly, degrees.</summary>
    public const string MeanAnomaly = "MEAN_ANOMALY";

    /// <summary>Mean elements: gravitational parameter, km³/s² (ignored on reading).</summary>
    public const string Gm = "GM";

    /// <summary>TLE parameters: ephemeris type (0 = SGP4; 4 = SGP4-XP).</summary>
    public const string EphemerisType = "EPHEMERIS_TYPE";

    /// <summary>TLE parameters: classification, <c>U</c>, <c>C</c> or <c>S</c>.</summary>
    public const string ClassificationType = "CLASSIFICATION_TYPE";

    /// <summary>TLE parameters: NORAD catalog number (up to nine digits).</summary>
    public const string NoradCatId = "NORAD_CAT_ID";

    /// <summary>TLE parameters: element set number (0–9999).</summary>
    public const string ElementSetNo = "ELEMENT_SET_NO";

    /// <summary>TLE parameters: revolution number at epoch.</summary>
    public const string RevAtEpoch = "REV_AT_EPOCH";

    /// <summary>TLE parameters: SGP4 drag term B*, 1/Earth radii.</summary>
    public const string Bstar = "BSTAR";

    /// <summary>TLE parameters: first derivative of the mean motion divided by two, rev/day².</summary>
    public const string MeanMotionDot = "MEAN_MOTION_DOT";

    /// <summary>TLE parameters: second derivative of the mean motion divided by six, rev/day³.</summary>
    public const string MeanMotionDdot = "MEAN_MOTION_DDOT";

    /// <summary>The one <see cref="CenterName"/> SGP4 elements have.</summary>
    public const string CenterEarth = "EARTH";

    /// <summary>The one <see cref="RefFrame"/> SGP4 elements have.</summary>
    public const string FrameTeme = "TEME";

    /// <summary>The one <see cref="TimeSystem"/> SGP4 elements have.</summary>
    public const string TimeSystemUtc = "UTC";

    /// <summary>The <see cref="MeanElementTheory"/> CelesTrak and Space-Track write in XML and JSON.</summary>
    public const string TheorySgp4 = "SGP4";

    /// <summary>The <see cref="MeanElementTheory"/> the CCSDS examples and CelesTrak's KVN write.</summary>
    public const string TheorySgpSgp4 = "SGP/SGP4";

    /// <summary>The version this library writes.</summary>
    public const string VersionWritten = "2.0";

    /// <summary>The column order of CelesTrak's OMM CSV (<c>FORMAT=csv</c>), which the CSV writer follows.</summary>
    public static IReadOnlyList<string> CelesTrakCsvColumns { get; } = Array.AsReadOnly(
    [
        ObjectName, ObjectId, Epoch, MeanMotion, Eccentricity, Inclination, RaOfAscNode, ArgOfPericenter, MeanAnomaly,
        EphemerisType, ClassificationType, NoradCatId, ElementSetNo, RevAtEpoch, Bstar, MeanMotionDot, MeanMotionDdot,
    ]);

    /// <summary>The <see cref="ObjectId"/> value some sources write for an object without an international designator.</summary>
    public const string ObjectIdUnknown = "UNKNOWN";

    /// <summary>The start of the version keyword of every CCSDS navigation message (<c>CCSDS_OPM_VERS</c>, …).</summary>
    public const string MessageVersionPrefix = "CCSDS_";

    /// <summary>The end of the version keyword of every CCSDS navigation message.</summary>
    public const string MessageVersionSuffix = "_VERS";

    /// <summary>Units as CCSDS writes them in KVN brackets (<c>[rev/day]</c>) and XML <c>units</c> attributes.</summary>
    public static class Units
    {
        /// <summary>Mean motion.</summary>
        public const string RevPerDay = "rev/day";

        /// <summary>Angles.</summary>
        public const string Degrees = "deg";

        /// <summary>B*.</summary>
        public const string PerEarthRadius = "1/ER";

        /// <summary>First derivative of the mean motion.</summary>
        public const string RevPerDaySquared = "rev/day**2";

        /// <summary>Second derivative of the mean motion.</summary>
        public const string RevPerDayCubed = "rev/day**3";
    }

    /// <summary>NDM/XML element and attribute names of an OMM.</summary>
    public static class Xml
    {
        /// <summary>Root of a combined message file holding several messages.</summary>
        public const string Ndm = "ndm";

        /// <summary>One OMM.</summary>
        public const string Omm = "omm";

        /// <summary>The header (creation date, originator).</summary>
        public const string Header = "header";

        /// <summary>The body, holding the segment.</summary>
        public const string Body = "body";

        /// <summary>The segment: metadata and data.</summary>
        public const string Segment = "segment";

        /// <summary>The metadata block.</summary>
        public const string Metadata = "metadata";

        /// <summary>The data block.</summary>
        public const string Data = "data";

        /// <summary>The mean Keplerian elements block.</summary>
        public const string MeanElements = "meanElements";

        /// <summary>The TLE-related parameters block.</summary>
        public const string TleParameters = "tleParameters";

        /// <summary>Attribute of <see cref="Omm"/> naming the message type (<c>CCSDS_OMM_VERS</c>).</summary>
        public const string IdAttribute = "id";

        /// <summary>Attribute of <see cref="Omm"/> giving the version.</summary>
        public const string VersionAttribute = "version";

        /// <summary>Attribute of a value element giving its unit.</summary>
        public const string UnitsAttribute = "units";
    }
}
