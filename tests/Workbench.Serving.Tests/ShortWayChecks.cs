using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// What the short ways must hold against the general way: <see cref="JsonRequestParser"/> for JSON, the general CSV
/// reader for CSV (<c>RequestReader.Read</c> without the hand-scanned JSON ways), then the feature pipeline.
/// </summary>
internal static class ShortWayChecks
{
    /// <summary>The short way's matrix equals the general way's bit for bit, and so do the probabilities.</summary>
    public static void ShouldMatchTheGeneralWay(ModelBundle bundle, byte[] body, DataFormat format, RequestRows read)
    {
        read.Features.Should().NotBeNull("the body took the short way");
        var frame = General(bundle, body, format);
        frame.RowCount.Should().Be(read.Count);
        var general = bundle.Pipeline is { } pipeline ? pipeline.Transform(frame).Dense! : frame.ToMatrix([.. bundle.Predictor.FeatureNames]);
        read.Features!.Dense!.ColumnNames.Should().Equal(general.ColumnNames);
        Bits(read.Features.Dense.Values).Should().Equal(Bits(general.Values));
        bundle.Predict(read).Probabilities.Should().Equal(bundle.Predict(frame).Probabilities);
    }

    /// <summary>
    /// <see cref="RequestReader.ReadRows"/> of a body the short way declined gives the general way's answer, or its
    /// error with the same status and message.
    /// </summary>
    public static void ShouldAnswerAsTheGeneralWay(ModelBundle bundle, byte[] body, DataFormat format, string what)
    {
        var (frame, general) = TryGeneral(bundle, body, format);
        if (general is null)
        {
            var read = RequestReader.ReadRows(bundle, body, format);
            read.Frame.Should().NotBeNull(what);
            read.Count.Should().Be(frame!.RowCount);
            bundle.Predict(read).Probabilities.Should().Equal(bundle.Predict(frame).Probabilities);
        }
        else
        {
            var refused = FluentActions.Invoking(() => RequestReader.ReadRows(bundle, body, format)).Should().Throw<ServingException>(what).Which;
            refused.Message.Should().Be(general.Message);
            refused.Status.Should().Be(general.Status);
        }
    }

    /// <summary>
    /// <c>RequestReader.Read</c> with the JSON scanned by hand gives the frame the general way gives (every cell,
    /// missing ones included, and the column types), or its error with the same status, message and problems.
    /// </summary>
    public static void ShouldReadAsTheGeneralWay(ModelBundle bundle, byte[] body, DataFormat format, string what)
    {
        var (general, refused) = TryGeneral(bundle, body, format);
        if (refused is not null)
        {
            var scanned = FluentActions.Invoking(() => RequestReader.Read(bundle, body, format)).Should().Throw<ServingException>(what).Which;
            scanned.Status.Should().Be(refused.Status, what);
            scanned.Message.Should().Be(refused.Message, what);
            scanned.Problems.Should().Equal(refused.Problems, what);
            return;
        }

        var frame = RequestReader.Read(bundle, body, format);
        frame.ColumnNames.Should().Equal(general!.ColumnNames, what);
        frame.Columns.Select(c => c.Type).Should().Equal(general.Columns.Select(c => c.Type), what);
        CsvWriter.ToText(frame).Should().Be(CsvWriter.ToText(general), what);
        bundle.Predict(frame).Probabilities.Should().Equal(bundle.Predict(general).Probabilities, what);
    }

    /// <summary>The general way's frame: the general CSV reader, or JSON through <c>JsonDocument</c> only.</summary>
    public static Frame General(ModelBundle bundle, byte[] body, DataFormat format) =>
        RequestReader.Read(bundle, body, format, header: false, scanJsonByHand: false);

    // The general way's frame, or the error it answers with.
    private static (Frame? Frame, ServingException? Error) TryGeneral(ModelBundle bundle, byte[] body, DataFormat format)
    {
        try
        {
            return (General(bundle, body, format), null);
        }
        catch (ServingException e)
        {
            return (null, e);
        }
    }

    public static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
