namespace Steppe.Formats.Oem;

/// <summary>
/// The keywords of the CCSDS Orbit Ephemeris Message in Keyword = Value Notation, verbatim, in one place
/// (CCSDS 502.0-B-3, <i>Orbit Data Messages</i>, Blue Book issue 3, April 2023, section 5; the same keywords are in
/// issue 2, 502.0-B-2, November 2009, apart from the header's <see cref="Classification"/> and <see cref="MessageId"/>,
/// which are new in version 3.0).
/// </summary>
public static class OemKeywords
{
    /// <summary>First keyword of the message; its value is the format version ("2.0", "3.0").</summary>
    public const string Version = "CCSDS_OEM_VERS";

    /// <summary>A comment line (header, metadata, data and covariance sections).</summary>
    public const string Comment = "COMMENT";

    /// <summary>Header: user-defined classification (version 3.0).</summary>
    public const string Classification = "CLASSIFICATION";

    /// <summary>Header: when the message was made.</summary>
    public const string CreationDate = "CREATION_DATE";

    /// <summary>Header: who made it.</summary>
    public const string Originator = "ORIGINATOR";

    /// <summary>Header: an identifier of the message (version 3.0).</summary>
    public const string MessageId = "MESSAGE_ID";

    /// <summary>Opens a metadata section.</summary>
    public const string MetaStart = "META_START";

    /// <summary>Closes a metadata section.</summary>
    public const string MetaStop = "META_STOP";

    /// <summary>Metadata: the spacecraft's name.</summary>
    public const string ObjectName = "OBJECT_NAME";

    /// <summary>Metadata: the object's identifier (recommended: the international designator, e.g. 1998-067A).</summary>
    public const string ObjectId = "OBJECT_ID";

    /// <summary>Metadata: the origin of the frame (e.g. EARTH).</summary>
    public const string CenterName = "CENTER_NAME";

    /// <summary>Metadata: the reference frame of the states (e.g. TEME, GCRF, EME2000, ITRF2020).</summary>
    public const string RefFrame = "REF_FRAME";

    /// <summary>Metadata: the epoch of a frame whose axes depend on one (e.g. TOD).</summary>
    public const string RefFrameEpoch = "REF_FRAME_EPOCH";

    /// <summary>Metadata: the time scale of every date in the segment (UTC, TAI, TT, GPS, TDB, …).</summary>
    public const string TimeSystem = "TIME_SYSTEM";

    /// <summary>Metadata: the start of the segment's ephemeris.</summary>
    public const string StartTime = "START_TIME";

    /// <summary>Metadata: the start of the span recommended for use.</summary>
    public const string UseableStartTime = "USEABLE_START_TIME";

    /// <summary>Metadata: the end of the span recommended for use.</summary>
    public const string UseableStopTime = "USEABLE_STOP_TIME";

    /// <summary>Metadata: the end of the segment's ephemeris.</summary>
    public const string StopTime = "STOP_TIME";

    /// <summary>Metadata: the recommended interpolation method (e.g. LAGRANGE, HERMITE).</summary>
    public const string Interpolation = "INTERPOLATION";

    /// <summary>Metadata: the recommended interpolation degree.</summary>
    public const string InterpolationDegree = "INTERPOLATION_DEGREE";

    /// <summary>Opens a covariance section.</summary>
    public const string CovarianceStart = "COVARIANCE_START";

    /// <summary>Closes a covariance section.</summary>
    public const string CovarianceStop = "COVARIANCE_STOP";

    /// <summary>Covariance: the epoch of the matrix that follows.</summary>
    public const string Epoch = "EPOCH";

    /// <summary>Covariance: the frame of the matrix that follows (default: the segment's <see cref="RefFrame"/>).</summary>
    public const string CovarianceRefFrame = "COV_REF_FRAME";

    /// <summary>The time system value for Coordinated Universal Time.</summary>
    public const string Utc = "UTC";

    /// <summary>The time system value for International Atomic Time.</summary>
    public const string Tai = "TAI";

    /// <summary>The time system value for Terrestrial Time.</summary>
    public const string Tt = "TT";

    /// <summary>The time system value for GPS time (TAI − 19 s).</summary>
    public const string Gps = "GPS";

    /// <summary>The time system value for Barycentric Dynamical Time.</summary>
    public const string Tdb = "TDB";

    /// <summary>The reference frame value for SGP4's True Equator, Mean Equinox frame.</summary>
    public const string Teme = "TEME";

    /// <summary>The reference frame value for the Geocentric Celestial Reference Frame.</summary>
    public const string Gcrf = "GCRF";

    /// <summary>The reference frame value for the J2000 mean equator and equinox (Earth Mean Equator 2000).</summary>
    public const string Eme2000 = "EME2000";

    /// <summary>The reference frame value for the International Celestial Reference Frame.</summary>
    public const string Icrf = "ICRF";

    /// <summary>The reference frame value for the ITRF realisation of 2000.</summary>
    public const string Itrf2000 = "ITRF2000";

    /// <summary>The reference frame value for the ITRF realisation of 2020: the Earth-fixed frame Steppe writes (its Earth
    /// orientation data, IERS finals2000A and EOP 20 C04, are aligned with ITRF2020).</summary>
    public const string Itrf2020 = "ITRF2020";

    /// <summary>The reference frame value for the Celestial Intermediate Reference Frame (IERS 2010).</summary>
    public const string Cirf = "CIRF";

    /// <summary>The reference frame value for the Terrestrial Intermediate Reference Frame (IERS 2010).</summary>
    public const string Tirf = "TIRF";

    /// <summary>The prefix of every ITRF realisation (ITRF-93, ITRF-97, ITRF2000, ITRF2014, …).</summary>
    public const string ItrfPrefix = "ITRF";

    /// <summary>The reference frame value for the true equator and equinox of date.</summary>
    public const string Tod = "TOD";

    /// <summary>The centre value for the Earth.</summary>
    public const string Earth = "EARTH";
}
