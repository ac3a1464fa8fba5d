using Workbench.Data.Plots;
using Workbench.Learning.Metrics;

namespace Workbench.Extension.Learning;

/// <summary>Confusion matrix as a heatmap with counts in the cells.</summary>
public sealed class ConfusionMatrixFormatter : LearningFigureFormatter<ConfusionMatrix>
{
    protected override Figure ToFigure(ConfusionMatrix value) => value.ToFigure();
}

public sealed class ConfusionMatrixHtmlFormatter : LearningFigureHtmlFormatter<ConfusionMatrix>
{
    protected override Figure ToFigure(ConfusionMatrix value) => value.ToFigure();
}

/// <summary>ROC curve with the chance diagonal and the AUC.</summary>
public sealed class RocCurveFormatter : LearningFigureFormatter<RocCurve>
{
    protected override Figure ToFigure(RocCurve value) => value.ToFigure();
}

public sealed class RocCurveHtmlFormatter : LearningFigureHtmlFormatter<RocCurve>
{
    protected override Figure ToFigure(RocCurve value) => value.ToFigure();
}

/// <summary>Precision–recall step curve with the average precision.</summary>
public sealed class PrecisionRecallCurveFormatter : LearningFigureFormatter<PrecisionRecallCurve>
{
    protected override Figure ToFigure(PrecisionRecallCurve value) => value.ToFigure();
}

public sealed class PrecisionRecallCurveHtmlFormatter : LearningFigureHtmlFormatter<PrecisionRecallCurve>
{
    protected override Figure ToFigure(PrecisionRecallCurve value) => value.ToFigure();
}

/// <summary>Reliability diagram with the expected calibration error.</summary>
public sealed class CalibrationCurveFormatter : LearningFigureFormatter<CalibrationCurve>
{
    protected override Figure ToFigure(CalibrationCurve value) => value.ToFigure();
}

public sealed class CalibrationCurveHtmlFormatter : LearningFigureHtmlFormatter<CalibrationCurve>
{
    protected override Figure ToFigure(CalibrationCurve value) => value.ToFigure();
}
