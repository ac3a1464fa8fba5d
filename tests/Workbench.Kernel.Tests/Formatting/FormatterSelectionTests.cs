using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Tests.Formatting
{
    public sealed class FormatterSelectionTests
    {
        [Fact]
        public void A_type_carrying_a_name_matched_attribute_is_rendered_by_its_source()
        {
            var bundle = new FormatterRegistry().Format(new Cohort("sepsis", 120)).Bundle;

            bundle["text/html"].Should().Be("<b>sepsis</b> (120 patients)");
            bundle["text/plain"].Should().Be("Cohort sepsis: 120", "the source's text/plain formatter wins over the default");
        }

        [Fact]
        public void The_attribute_on_a_base_type_or_an_interface_applies_to_derived_types()
        {
            new FormatterRegistry().Format(new PaediatricCohort("asthma", 12)).Bundle["text/html"].Should().Be("<b>asthma</b> (12 patients)");
            new FormatterRegistry().Format(new Model("xgb")).Bundle["application/json"].Should().Be("{\"model\":\"xgb\"}");
        }

        [Fact]
        public void Preferred_mime_types_limit_what_the_source_contributes()
        {
            var bundle = new FormatterRegistry().Format(new Plot("roc")).Bundle;

            bundle.Keys.Should().BeEquivalentTo("image/svg+xml", "text/plain");
        }

        [Fact]
        public void The_source_is_created_once_per_registry_so_formatter_state_is_per_session()
        {
            var before = CohortFormatterSource.Created;
            var first = new FormatterRegistry();
            first.Format(new Cohort("a", 1));
            first.Format(new Cohort("b", 2));
            new FormatterRegistry().Format(new Cohort("c", 3));

            (CohortFormatterSource.Created - before).Should().Be(2);
        }

        [Fact]
        public void A_registered_formatter_for_a_more_specific_type_wins_and_later_registrations_win_ties()
        {
            var registry = new FormatterRegistry();
            registry.Register<object>("text/html", _ => "object");
            registry.Register<Cohort>("text/html", _ => "first");
            registry.Register<Cohort>("text/html", _ => "second");

            registry.Format(new Cohort("x", 1)).Bundle["text/html"].Should().Be("second");
            registry.Format(42).Bundle["text/html"].Should().Be("object");
        }

        [Fact]
        public void A_registered_formatter_beats_the_attribute_at_the_same_type()
        {
            var registry = new FormatterRegistry();
            registry.Register<Cohort>("text/html", c => $"<i>{c.Name}</i>");

            registry.Format(new Cohort("copd", 3)).Bundle["text/html"].Should().Be("<i>copd</i>");
        }

        [Fact]
        public void A_formatter_that_declines_lets_the_next_one_try()
        {
            var registry = new FormatterRegistry();
            registry.Register(new DelegateFormatter<Cohort>("text/html", (c, w) =>
            {
                w.Write("fallback");
                return true;
            }));
            registry.Register(new DelegateFormatter<Cohort>("text/html", (c, w) => false));

            registry.Format(new Cohort("x", 1)).Bundle["text/html"].Should().Be("fallback");
        }

        [Fact]
        public void A_throwing_attributed_source_is_a_warning_not_a_failure()
        {
            var formatted = new FormatterRegistry().Format(new Fragile());

            formatted.Bundle["text/plain"].Should().Be("fragile");
            formatted.Warnings.Should().ContainSingle().Which.Should().Contain("source is broken");
        }

        [Fact]
        public void A_formatter_source_registered_by_type_adds_all_its_formatters()
        {
            var registry = new FormatterRegistry();
            var (registered, problems) = registry.RegisterSource(typeof(LooseFormatterSource));

            registered.Should().Be(1);
            problems.Should().ContainSingle().Which.Should().Contain("does not look like a formatter");
            registry.Format(new Uri("https://example.org/x")).Bundle["text/html"].Should().Be("<a href=\"https://example.org/x\">link</a>");
        }
    }
}

// The convention is matched by name: this attribute stands in for the one a library declares for itself.
namespace Some.Library.Formatting
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Struct)]
    public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
    {
        public Type FormatterSourceType { get; } = formatterSourceType;

        public string[]? PreferredMimeTypes { get; set; }
    }
}

namespace Workbench.Kernel.Tests.Formatting
{
    using Some.Library.Formatting;

    [TypeFormatterSource(typeof(CohortFormatterSource))]
    public record Cohort(string Name, int Patients);

    public sealed record PaediatricCohort(string Name, int Patients) : Cohort(Name, Patients);

    [TypeFormatterSource(typeof(ModelFormatterSource))]
    public interface IModel
    {
        string Name { get; }
    }

    public sealed record Model(string Name) : IModel;

    [TypeFormatterSource(typeof(PlotFormatterSource), PreferredMimeTypes = ["image/svg+xml"])]
    public sealed record Plot(string Title);

    [TypeFormatterSource(typeof(FragileFormatterSource))]
    public sealed class Fragile
    {
        public override string ToString() => "fragile";
    }

    /// <summary>Shaped like a .NET Interactive formatter, with no reference to the kernel.</summary>
    public sealed class NamedFormatter(Type type, string mimeType, Func<object, string> render)
    {
        public Type Type { get; } = type;

        public string MimeType { get; } = mimeType;

        public bool Format(object instance, TextWriter writer)
        {
            writer.Write(render(instance));
            return true;
        }
    }

    public sealed class CohortFormatterSource
    {
        private static int _created;

        public static int Created => Volatile.Read(ref _created);

        public IEnumerable<object> CreateTypeFormatters()
        {
            Interlocked.Increment(ref _created);
            yield return new NamedFormatter(typeof(Cohort), "text/html", o => $"<b>{((Cohort)o).Name}</b> ({((Cohort)o).Patients} patients)");
            yield return new NamedFormatter(typeof(Cohort), "text/plain", o => $"Cohort {((Cohort)o).Name}: {((Cohort)o).Patients}");
        }
    }

    public sealed class ModelFormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters() => [new NamedFormatter(typeof(IModel), "application/json", o => $"{{\"model\":\"{((IModel)o).Name}\"}}")];
    }

    public sealed class PlotFormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters() =>
        [
            new NamedFormatter(typeof(Plot), "image/svg+xml", _ => "<svg/>"),
            new NamedFormatter(typeof(Plot), "text/html", _ => "<div>not preferred</div>"),
        ];
    }

    public sealed class FragileFormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters() => throw new InvalidOperationException("source is broken");
    }

    public sealed class LooseFormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters() =>
        [
            new NamedFormatter(typeof(Uri), "text/html", o => $"<a href=\"{o}\">link</a>"),
            new object(),
        ];
    }
}
