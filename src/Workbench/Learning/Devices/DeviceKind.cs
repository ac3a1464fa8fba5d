namespace Workbench.Learning.Devices;

/// <summary>The kinds of compute device a backend can drive.</summary>
public enum DeviceKind
{
    Cpu,

    /// <summary>An NVIDIA GPU through a CUDA backend (a separate package; none ships with the library).</summary>
    Cuda,
}
