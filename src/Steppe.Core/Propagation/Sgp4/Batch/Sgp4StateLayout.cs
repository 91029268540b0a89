namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>How <see cref="Sgp4BatchStates"/> orders its object × time entries in each array.</summary>
public enum Sgp4StateLayout
{
    /// <summary>Each object's times together: entry <c>object · TimeCount + time</c>.</summary>
    ObjectMajor,

    /// <summary>Each time's objects together: entry <c>time · ObjectCount + object</c> (one snapshot of every object
    /// after another, as a screener sweeping through time reads them).</summary>
    TimeMajor,
}
