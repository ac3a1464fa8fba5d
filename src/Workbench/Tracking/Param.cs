namespace Workbench.Tracking;

/// <summary>A run parameter: set once; logging the same value again is allowed, a different one is an error.</summary>
public readonly record struct Param(string Key, ParamValue Value);
