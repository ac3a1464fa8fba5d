using Workbench.Data;
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
        ServingException? general = null;
        Frame? frame = null;
        try
        {
            frame = General(bundle, body, format);
        }
        catch (ServingException e)
        {
            general = e;
        }

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

    public static Frame General(ModelBundle bundle, byte[] body, DataFormat format) =>
        RequestReader.Read(bundle, body, format, header: false, scanJsonByHand: false);

    public static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
