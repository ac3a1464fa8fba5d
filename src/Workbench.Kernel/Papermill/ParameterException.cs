namespace Workbench.Kernel.Papermill;

/// <summary>A parameter override that cannot be applied; raised before any cell runs.</summary>
public sealed class ParameterException(string message) : Exception(message);
