using Workbench.Data.Profiling;

namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>An exploratory profile of every column and the relations between them (see <see cref="FrameProfile"/>).</summary>
    public FrameProfile Profile(ProfileOptions? options = null) => FrameProfile.Compute(this, options);

    /// <summary>A profile with each column related to <paramref name="target"/>.</summary>
    public FrameProfile Profile(string target) => FrameProfile.Compute(this, new ProfileOptions { Target = target });

    /// <summary>The frame's content fingerprint, <c>sha256:&lt;hex&gt;</c> (see <see cref="DatasetFingerprint"/>).</summary>
    public string Fingerprint() => DatasetFingerprint.Of(this);
}
