namespace Workbench.Serving.Models;

/// <summary>Where registry references and archives are resolved.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>The Workbench store for <c>models:/</c> references (else <c>WORKBENCH_HOME</c>, else <c>./.workbench</c>).</summary>
    public string? WorkbenchHome { get; init; }

    /// <summary>Where archives and registry versions are unpacked (else the system temp folder); each load gets its own folder, removed on dispose.</summary>
    public string? ScratchRoot { get; init; }
}
