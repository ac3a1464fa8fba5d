namespace Workbench.Kernel.Magics;

/// <summary>A magic command from the top of a cell; <see cref="Line"/> is 1-based within the cell.</summary>
public abstract record Magic(int Line, string Text);

/// <summary><c>#r "path/to.dll"</c>: reference an assembly (relative to the notebook's folder).</summary>
public sealed record AssemblyReferenceMagic(int Line, string Text, string Path) : Magic(Line, Text);

/// <summary><c>#r "nuget: Name, Version"</c>: reference a NuGet package (version optional; <c>*-*</c> allows prereleases).</summary>
public sealed record PackageReferenceMagic(int Line, string Text, string PackageId, string? Version) : Magic(Line, Text);

/// <summary><c>#i "nuget: folder-or-feed"</c>: add a package source for later <c>#r "nuget: ..."</c>.</summary>
public sealed record PackageSourceMagic(int Line, string Text, string Source) : Magic(Line, Text);

/// <summary><c>#!time</c>: print the cell's wall time after it runs.</summary>
public sealed record TimeMagic(int Line, string Text) : Magic(Line, Text);

/// <summary><c>#!csharp</c>, <c>#!markdown</c>, <c>#!html</c>, or another kernel's name: the language of the rest of the cell.</summary>
public sealed record KernelMagic(int Line, string Text, string KernelName) : Magic(Line, Text);

/// <summary><c>#!set --name x --value 42</c>, or <c>--value @input:"prompt"</c> / <c>@password:"prompt"</c> to ask.</summary>
public sealed record SetMagic(int Line, string Text, string Name, string? Value, string? Prompt, bool Password) : Magic(Line, Text);

/// <summary><c>#!lsmagic</c>: list the magics.</summary>
public sealed record ListMagicsMagic(int Line, string Text) : Magic(Line, Text);

/// <summary><c>#!about</c>: versions of the kernel, the compiler and the runtime.</summary>
public sealed record AboutMagic(int Line, string Text) : Magic(Line, Text);

/// <summary><c>#!who</c> (names) or <c>#!whos</c> (names, types, values) of the cell variables.</summary>
public sealed record WhoMagic(int Line, string Text, bool Detailed) : Magic(Line, Text);
