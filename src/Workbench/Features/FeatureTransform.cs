using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// A fitted-then-applied step with scikit-learn's shape: <c>Fit(frame)</c> learns from the frame's columns,
/// <c>Transform(frame)</c> applies what was learnt to the same columns of any frame, and <c>FitTransform</c>
/// does both. A transform uses every column of the frame it is fitted on (select columns first, or route them
/// with a <see cref="FeaturePipeline"/>); at transform time it looks its columns up by name and ignores others.
/// </summary>
/// <remarks>
/// <para><b>Missing values.</b> A null cell, and a NaN in a floating-point column, are missing. Imputers fill them;
/// one-hot and target encoders give them their own category; every other transform passes a missing value on as
/// missing, and <see cref="FeaturePipeline"/> refuses to hand a matrix with missing cells to a model (the error
/// names the column and the first row). Nothing turns into a silent NaN.</para>
/// <para>The set of transforms is closed (each has a <see cref="Kind"/> in the saved pipeline format), so a saved
/// pipeline never names a .NET type to instantiate.</para>
/// </remarks>
public abstract class FeatureTransform
{
    private string[]? _inputColumns;
    private ColumnType[]? _inputTypes;

    private protected FeatureTransform()
    {
    }

    /// <summary>The name of this kind of transform in a saved pipeline (snake_case, e.g. <c>standard_scaler</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _inputColumns is not null;

    /// <summary>Whether <see cref="TransformFeatures"/> returns sparse output (text vectorizers, hashing).</summary>
    public virtual bool ProducesSparse => false;

    /// <summary>Whether the transform needs a target column to fit (target encoding).</summary>
    public virtual bool NeedsTarget => false;

    /// <summary>The columns seen at fit time, in order.</summary>
    public IReadOnlyList<string> FeatureNamesIn => _inputColumns ?? throw NotFitted("FeatureNamesIn");

    /// <summary>The column types seen at fit time.</summary>
    public IReadOnlyList<ColumnType> FeatureTypesIn => _inputTypes ?? throw NotFitted("FeatureTypesIn");

    /// <summary>Learns from every column of <paramref name="frame"/>; <paramref name="target"/> only for supervised transforms.</summary>
    public FeatureTransform Fit(Frame frame, Column? target = null)
    {
        BeginFit(frame, target);
        FitCore(frame, target);
        return this;
    }

    /// <summary>Fits and transforms in one pass; for target encoding the output is out-of-fold (see <see cref="TargetEncoder"/>).</summary>
    public FeatureOutput FitTransformFeatures(Frame frame, Column? target = null)
    {
        BeginFit(frame, target);
        return FitTransformCore(frame, target);
    }

    /// <summary>The transformed features as a frame (dense transforms) or a sparse block (text vectorizers, hashing).</summary>
    public FeatureOutput TransformFeatures(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!IsFitted)
        {
            throw NotFitted("Transform");
        }

        return TransformCore(SelectInputs(frame));
    }

    /// <summary>The names of the output features, in order (<c>smoker=current</c>, <c>bmi</c>, <c>chief_complaint:chest pain</c>).</summary>
    public IReadOnlyList<string> GetFeatureNamesOut() => IsFitted ? FeatureNamesOutCore() : throw NotFitted("GetFeatureNamesOut");

    /// <summary>A one-line description of the settings, for tables and diagrams.</summary>
    public virtual string Describe() => GetType().Name;

    public override string ToString() => IsFitted ? $"{Describe()} (fitted on {_inputColumns!.Length} columns)" : $"{Describe()} (not fitted)";

    private protected abstract void FitCore(Frame frame, Column? target);

    private protected abstract FeatureOutput TransformCore(Frame frame);

    private protected virtual FeatureOutput FitTransformCore(Frame frame, Column? target)
    {
        FitCore(frame, target);
        return TransformCore(frame);
    }

    private protected abstract IReadOnlyList<string> FeatureNamesOutCore();

    /// <summary>Writes the settings and the fitted state (each into its own object).</summary>
    internal abstract void WriteState(JsonState parameters, JsonState state);

    /// <summary>Restores the fitted state written by <see cref="WriteState"/> (the settings were read by the registry).</summary>
    internal abstract void ReadState(StateReader state);

    internal void WriteInputs(JsonState state)
    {
        state.Set("columns", _inputColumns!);
        state.Set("types", _inputTypes!.Select(t => t.DisplayName()).ToArray());
    }

    internal void ReadInputs(StateReader state)
    {
        var columns = state.StringArray("columns");
        var types = state.StringArray("types", columns.Length);
        var parsed = new ColumnType[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            parsed[i] = state.Parse($"types[{i}]", types[i], ColumnTypeNames.Parse);
        }

        _inputColumns = columns;
        _inputTypes = parsed;
    }

    private protected NotFittedException NotFitted(string what) => new(GetType().Name, what);

    private protected string Name => GetType().Name;

    private void BeginFit(Frame frame, Column? target)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.ColumnCount == 0)
        {
            throw new ArgumentException($"{Name}: the frame has no columns to fit on.", nameof(frame));
        }

        if (frame.RowCount == 0)
        {
            throw new ArgumentException($"{Name}: the frame has no rows to fit on.", nameof(frame));
        }

        if (NeedsTarget && target is null)
        {
            throw new ArgumentException($"{Name} needs a target column to fit: Fit(frame, target).", nameof(target));
        }

        if (target is not null && target.Length != frame.RowCount)
        {
            throw new ArgumentException($"{Name}: the target '{target.Name}' has {target.Length} rows but the frame has {frame.RowCount}.", nameof(target));
        }

        _inputColumns = null;
        _inputTypes = null;
        CheckInputTypes(frame);
        _inputColumns = [.. frame.ColumnNames];
        _inputTypes = frame.Columns.Select(c => c.Type).ToArray();
    }

    /// <summary>Throws when a column cannot be used by this transform (for example text in a scaler), naming it.</summary>
    private protected virtual void CheckInputTypes(Frame frame)
    {
    }

    private Frame SelectInputs(Frame frame)
    {
        var columns = new Column[_inputColumns!.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var name = _inputColumns[i];
            if (!frame.Contains(name))
            {
                var lookup = new ColumnNotFoundException(name, frame.ColumnNames.ToArray());
                throw new ArgumentException(
                    $"{Name} was fitted on column '{name}', which the frame lacks ({lookup.Message}).", lookup);
            }

            columns[i] = frame[name];
        }

        var selected = new Frame(columns);
        CheckInputTypes(selected);
        return selected;
    }
}
