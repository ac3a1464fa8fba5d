using Workbench.Serving.Models;

namespace Workbench.Serving.Routing;

/// <summary>A loaded production variant: its model and, for models that keep per-call state, the lock that runs one batch at a time.</summary>
public sealed class Variant
{
    internal Variant(string name, ModelBundle bundle, bool shadow, bool ownsBundle)
    {
        Name = name;
        Bundle = bundle;
        Shadow = shadow;
        OwnsBundle = ownsBundle;
    }

    public string Name { get; }

    public ModelBundle Bundle { get; }

    public bool Shadow { get; }

    internal bool OwnsBundle { get; }

    internal object Gate { get; } = new();

    /// <summary>Runs the model on a validated frame (serialised when the model is not thread-safe).</summary>
    public Predictions Predict(Workbench.Data.Frame frame)
    {
        if (Bundle.Predictor.IsThreadSafe)
        {
            return Bundle.Predict(frame);
        }

        lock (Gate)
        {
            return Bundle.Predict(frame);
        }
    }
}
