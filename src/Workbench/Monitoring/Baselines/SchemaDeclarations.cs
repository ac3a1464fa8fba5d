using Workbench.Features.Validation;
using Workbench.Monitoring.ModelMonitorFormat;

namespace Workbench.Monitoring.Baselines;

/// <summary>
/// Applies a feature schema's declarations to a baseline: what the schema says about a column wins over what the
/// reference happened to show (its range, its missing fraction, its labels, whether serving batches carry it).
/// </summary>
internal static class SchemaDeclarations
{
    public static ColumnBaseline Apply(ColumnBaseline column, DataSchema? schema)
    {
        if (schema is null || !schema.Contains(column.Name))
        {
            return column;
        }

        var declared = schema.Column(column.Name);
        var range = declared.Min is not null || declared.Max is not null ? declared.AllowedRange : ((double, double)?)null;
        var kind = column.Kind;
        if (declared.Categories is not null && kind is FeatureKind.Text)
        {
            kind = FeatureKind.Categorical;
        }

        return column with
        {
            Kind = kind,
            Required = declared.Required && declared.AppliesTo(SchemaEnvironments.Serving),
            AllowedRange = range,
        };
    }

    public static MonitoringConstraints Apply(MonitoringConstraints constraints, DataSchema? schema)
    {
        if (schema is null)
        {
            return constraints;
        }

        return constraints with
        {
            Features = constraints.Features.Select(feature =>
            {
                if (!schema.Contains(feature.Name))
                {
                    return feature;
                }

                var declared = schema.Column(feature.Name);
                return feature with
                {
                    Completeness = 1 - declared.MaxNullFraction,
                    Domains = declared.Categories?.Order(StringComparer.Ordinal).ToList() ?? feature.Domains,
                    IsNonNegative = declared.Min is { } min ? min >= 0 : feature.IsNonNegative,
                };
            }).ToList(),
        };
    }
}
