namespace Workbench.Monitoring.Baselines;

/// <summary>How a column is monitored: which drift tests apply and which quality checks.</summary>
public enum FeatureKind
{
    /// <summary>Numbers (float, integer): quantile sketch, histogram, range; numeric drift tests.</summary>
    Numeric,

    /// <summary>Labels from a set (categorical, low-cardinality text): frequencies, domain; categorical drift tests.</summary>
    Categorical,

    /// <summary>True / false: frequencies; the proportions z-test when the reference is small.</summary>
    Boolean,

    /// <summary>Free text with many distinct values: monitored for missing values and type, not for drift.</summary>
    Text,

    /// <summary>Timestamps: monitored for missing values and type; they define time windows, they do not drift.</summary>
    DateTime,

    /// <summary>Identifiers (every value distinct, named *_id or id, or declared): monitored for missing values only.</summary>
    Identifier,
}

/// <summary>What a column is to the model.</summary>
public enum ColumnRole
{
    /// <summary>An input of the model: counted in the dataset drift share.</summary>
    Feature,

    /// <summary>The ground-truth label: its drift is label drift, reported apart from the features.</summary>
    Target,

    /// <summary>The model's output (prediction or probability): its drift is prediction drift.</summary>
    Prediction,

    /// <summary>The time of each row: used for windows.</summary>
    Timestamp,

    /// <summary>A row identifier (patient id, inference id): not tested for drift.</summary>
    Identifier,
}
