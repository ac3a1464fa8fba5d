using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>
/// <see cref="BlockTranspose"/> against the plain double loop, for every shape from empty to several 8 x 8 blocks with
/// ragged edges, to doubles and to float32.
/// </summary>
public sealed class BlockTransposeTests
{
    [Fact]
    public void Every_shape_transposes_as_the_plain_loop_does()
    {
        var random = new Random(8);
        for (var rows = 0; rows <= 27; rows++)
        {
            for (var columns = 0; columns <= 27; columns++)
            {
                var source = Enumerable.Range(0, rows * columns).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 6))).ToArray();
                var doubles = new double[rows * columns];
                var singles = new float[rows * columns];

                BlockTranspose.Transpose(source, rows, columns, doubles);
                BlockTranspose.TransposeToSingle(source, rows, columns, singles);

                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        if (doubles[(c * rows) + r] != source[(r * columns) + c] || singles[(c * rows) + r] != (float)source[(r * columns) + c])
                        {
                            Assert.Fail($"{rows} x {columns}: row {r}, column {c} is {doubles[(c * rows) + r]} / {singles[(c * rows) + r]}, not {source[(r * columns) + c]}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void A_request_sized_block_transposes_both_ways_back_to_itself()
    {
        var random = new Random(100);
        var source = Enumerable.Range(0, 100 * 30).Select(_ => random.NextDouble()).ToArray();
        var columnMajor = new double[source.Length];
        var back = new double[source.Length];

        BlockTranspose.Transpose(source, 100, 30, columnMajor);
        BlockTranspose.Transpose(columnMajor, 30, 100, back);

        back.Should().Equal(source);
        columnMajor.Take(100).Should().Equal(Enumerable.Range(0, 100).Select(r => source[r * 30]), "the first column comes first");
    }

    [Fact]
    public void Buffers_too_small_for_the_shape_are_refused()
    {
        var act = () => BlockTranspose.Transpose(new double[11], 3, 4, new double[12]);
        act.Should().Throw<ArgumentException>().WithMessage("*needs 12 values*source holds 11*");
    }
}
