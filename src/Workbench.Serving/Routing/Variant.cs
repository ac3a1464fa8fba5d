using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Routing;

/// <summary>A loaded production variant: its model and, for models that keep per-call state, the lock that runs one batch at a time.</summary>
public sealed class Variant
{
    internal Variant(string name, ModelBundle bundle, bool shadow)
    {
        Name = name;
        Bundle = bundle;
        Shadow = shadow;
    }

    public string Name { get; }

    public ModelBundle Bundle { get; }

    public bool Shadow { get; }

    internal object Gate { get; } = new();

    /// <summary>
    /// Runs the model on a validated frame (serialised when the model is not thread-safe). Data the schema let through
    /// but the feature pipeline refuses (an unseen category under <c>HandleUnknown = Error</c>, …) is a 400, not a 500.
    /// </summary>
    /// <exception cref="ServingException">400 <c>rejected_by_model</c> with the pipeline's reason.</exception>
    public Predictions Predict(Workbench.Data.Frame frame) => Predict(new RequestRows(frame));

    /// <summary>Runs the model on rows read by <see cref="RequestReader.ReadRows"/>, as <see cref="Predict(Workbench.Data.Frame)"/>.</summary>
    /// <exception cref="ServingException">400 <c>rejected_by_model</c> with the pipeline's reason.</exception>
    public Predictions Predict(RequestRows rows)
    {
        try
        {
            if (Bundle.Predictor.IsThreadSafe)
            {
                return Bundle.Predict(rows);
            }

            lock (Gate)
            {
                return Bundle.Predict(rows);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or FormatException)
        {
            throw new ServingException(400, "rejected_by_model", $"the feature pipeline or model refused the rows: {e.Message}");
        }
    }
}
