namespace Workbench.SageMaker.ServiceModels;

/// <summary>The shape types a botocore service model uses.</summary>
public enum ShapeType
{
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    Timestamp,
    Blob,
}
