using Workbench.Tracking;

namespace Workbench.Tests.Tracking;

public sealed class ParamTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Parameters_keep_their_type_and_canonical_text()
    {
        using var run = _home.Tracker.StartRun("exp");
        run.LogParam("lr", 0.01).LogParam("epochs", 20).LogParam("optimizer", "adam").LogParam("early_stop", true).LogParam("dropout", 0.1f);

        var stored = _home.Tracker.GetRun(run.RunId).Params;
        stored["lr"].Should().Be(ParamValue.From(0.01));
        stored["lr"].Type.Should().Be(ParamType.Float);
        stored["epochs"].Should().Be(ParamValue.From(20L));
        stored["epochs"].AsDouble.Should().Be(20);
        stored["optimizer"].Type.Should().Be(ParamType.String);
        stored["early_stop"].Text.Should().Be("true");
        stored["dropout"].Text.Should().Be("0.1", "a float keeps its own shortest text");
    }

    [Fact]
    public void Logging_the_same_value_again_is_fine()
    {
        using var run = _home.Tracker.StartRun("exp");
        run.LogParam("lr", 0.01);

        var again = () => run.LogParam("lr", 0.01);

        again.Should().NotThrow();
    }

    [Fact]
    public void Changing_a_parameter_is_an_error_and_nothing_of_the_batch_is_stored()
    {
        using var run = _home.Tracker.StartRun("exp");
        run.LogParam("lr", 0.01);
        var before = _home.Dump();

        var change = () => run.LogParams(new Dictionary<string, object?> { ["batch"] = 32, ["lr"] = 0.1 });

        change.Should().Throw<ParamChangedException>()
            .Where(e => e.Key == "lr" && e.Stored.Text == "0.01" && e.Attempted.Text == "0.1")
            .WithMessage("*'lr' is already '0.01' (float) and cannot change to '0.1' (float)*");
        _home.Dump().Should().Be(before);
    }

    [Fact]
    public void A_change_of_type_is_a_change()
    {
        using var run = _home.Tracker.StartRun("exp");
        run.LogParam("epochs", 10);

        var change = () => run.LogParam("epochs", "10");

        change.Should().Throw<ParamChangedException>().WithMessage("*(integer)*(string)*");
    }

    [Fact]
    public void Parameters_come_from_an_anonymous_object()
    {
        using var run = _home.Tracker.StartRun("exp");

        run.LogParams(new { lr = 0.001, layers = 3, activation = "relu", batch_norm = false });

        _home.Tracker.GetRun(run.RunId).Params.Keys.Should().BeEquivalentTo("lr", "layers", "activation", "batch_norm");
    }

    [Fact]
    public void Unsupported_or_oversized_values_are_refused_with_the_key()
    {
        using var run = _home.Tracker.StartRun("exp");

        var list = () => run.LogParams(new { layers = new[] { 64, 32 } });
        list.Should().Throw<ArgumentException>().WithMessage("*'layers' has type Int32[]*");

        var nullValue = () => run.LogParams(new Dictionary<string, object?> { ["x"] = null });
        nullValue.Should().Throw<ArgumentException>().WithMessage("*'x' is null*");

        var huge = () => run.LogParam("notes", new string('n', 7000));
        huge.Should().Throw<ArgumentException>().WithMessage("*6000 characters*");

        var badKey = () => run.LogParam("", 1);
        badKey.Should().Throw<ArgumentException>().WithMessage("*cannot be empty*");
    }
}
