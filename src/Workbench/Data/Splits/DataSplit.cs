namespace Workbench.Data.Splits;

/// <summary>
/// Train / validation / test splits and cross-validation folds, deterministic from a seed (System.Random with a
/// seed draws the same numbers on every platform). Indices within each part are ascending, so a part keeps
/// the frame's row order.
/// </summary>
/// <remarks>
/// Part sizes: test gets ceil(n × test) rows, validation ceil(n × validation), train the rest, as scikit-learn
/// rounds. Stratified splits give every class the same proportions, allocating the rounding remainders to the
/// classes with the largest fractional shares (scikit-learn's approach); a missing label is a class of its own.
/// Grouped splits never put one group in two parts; whole groups are taken in seeded random order until each
/// part has its share of rows, so sizes are approximate. Time-ordered splits put the earliest rows in train and the
/// latest in test; rows with the same timestamp are never split and go to the later part.
/// </remarks>
public static class DataSplit
{
    /// <summary>A random (optionally stratified or grouped) train / validation / test split.</summary>
    public static SplitIndices TrainValidationTest(Frame frame, double validation, double test, int seed, string? stratify = null, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var n = frame.RowCount;
        var (nValidation, nTest) = Sizes(n, validation, test);
        if (stratify is not null && group is not null)
        {
            throw new ArgumentException("a split is either stratified or grouped, not both (a group would have to go to two parts to keep class proportions).");
        }

        if (group is not null)
        {
            return Grouped(frame[group], nValidation, nTest, seed);
        }

        if (stratify is not null)
        {
            return Stratified(frame[stratify], nValidation, nTest, seed);
        }

        var order = Permutation(n, seed);
        return FromOrder(order, nValidation, nTest);
    }

    /// <summary>A random (optionally stratified or grouped) train / test split.</summary>
    public static SplitIndices TrainTest(Frame frame, double test, int seed, string? stratify = null, string? group = null) =>
        TrainValidationTest(frame, 0, test, seed, stratify, group);

    /// <summary>Earliest rows to train, then validation, latest to test, by <paramref name="timeColumn"/> (a datetime or numeric column without missing values).</summary>
    public static SplitIndices TimeOrdered(Frame frame, string timeColumn, double validation, double test)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var column = frame[timeColumn];
        if (column.HasNulls)
        {
            throw new InvalidOperationException($"time column '{timeColumn}' has {column.NullCount} missing values: a time-ordered split needs every row's time.");
        }

        if (column.Type is not (ColumnType.DateTime or ColumnType.Double or ColumnType.Single or ColumnType.Int64))
        {
            throw new InvalidOperationException($"time column '{timeColumn}' is {column.Type.DisplayName()}: use a datetime or numeric column.");
        }

        var n = frame.RowCount;
        var (nValidation, nTest) = Sizes(n, validation, test);
        var order = frame.SortedRows(timeColumn);
        var ranks = column.DenseRanks(out _);

        // Move each cut back to the start of its tie group, so rows at the same time go to the later part
        // together (forward instead if that would leave the earlier part empty).
        int Cut(int position)
        {
            bool Tied(int at) => at > 0 && at < n && ranks[order[at]] == ranks[order[at - 1]];
            var back = position;
            while (Tied(back))
            {
                back--;
            }

            if (back > 0 || position == 0)
            {
                return back;
            }

            while (Tied(position))
            {
                position++;
            }

            return position;
        }

        var trainEnd = Cut(n - nValidation - nTest);
        var validationEnd = Math.Max(trainEnd, Cut(n - nTest));
        return new SplitIndices(
            Sorted(order[..trainEnd]),
            Sorted(order[trainEnd..validationEnd]),
            Sorted(order[validationEnd..]));
    }

    /// <summary>K folds of (shuffled, unless <paramref name="shuffle"/> is false) rows: the first n % k folds hold one row more, as scikit-learn's KFold.</summary>
    public static IReadOnlyList<Fold> KFold(int rowCount, int k, int seed, bool shuffle = true)
    {
        CheckFolds(rowCount, k);
        var order = shuffle ? Permutation(rowCount, seed) : Frame.Range(0, rowCount);
        var folds = new List<Fold>(k);
        var start = 0;
        for (var f = 0; f < k; f++)
        {
            var size = (rowCount / k) + (f < rowCount % k ? 1 : 0);
            folds.Add(FoldOf(f, order.AsSpan(start, size), rowCount));
            start += size;
        }

        return folds;
    }

    /// <summary>K folds of a frame's rows (see <see cref="KFold(int, int, int, bool)"/>).</summary>
    public static IReadOnlyList<Fold> KFold(Frame frame, int k, int seed, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return KFold(frame.RowCount, k, seed, shuffle);
    }

    /// <summary>K folds with every class of <paramref name="label"/> spread evenly: each class's shuffled rows are dealt into k nearly equal parts.</summary>
    public static IReadOnlyList<Fold> StratifiedKFold(Frame frame, string label, int k, int seed)
    {
        ArgumentNullException.ThrowIfNull(frame);
        CheckFolds(frame.RowCount, k);
        var classes = Classes(frame[label], seed);
        var members = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        var next = 0;
        foreach (var rows in classes)
        {
            // Start each class where the last one stopped, so the folds stay within one row of each other.
            for (var i = 0; i < rows.Length; i++)
            {
                members[(next + i) % k].Add(rows[i]);
            }

            next = (next + rows.Length) % k;
        }

        return Enumerable.Range(0, k).Select(f => FoldOf(f, members[f].ToArray(), frame.RowCount)).ToArray();
    }

    /// <summary>K folds that never split a group: groups largest first, each to the fold with the fewest rows (scikit-learn's GroupKFold).</summary>
    public static IReadOnlyList<Fold> GroupKFold(Frame frame, string group, int k)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var codes = KeyCodes.Of([frame[group]], nullIsKey: true, out var count);
        if (count < k)
        {
            throw new ArgumentException($"column '{group}' has {count} groups, fewer than the {k} folds asked for.");
        }

        CheckFolds(frame.RowCount, k);
        var (rows, offsets) = KeyCodes.Buckets(codes, count);
        var groups = Enumerable.Range(0, count).OrderByDescending(g => offsets[g + 1] - offsets[g]).ThenBy(g => g).ToArray();
        var sizes = new int[k];
        var members = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        foreach (var g in groups)
        {
            var fold = Array.IndexOf(sizes, sizes.Min());
            members[fold].AddRange(rows.AsSpan(offsets[g], offsets[g + 1] - offsets[g]).ToArray());
            sizes[fold] += offsets[g + 1] - offsets[g];
        }

        return Enumerable.Range(0, k).Select(f => FoldOf(f, members[f].ToArray(), frame.RowCount)).ToArray();
    }

    private static SplitIndices Stratified(Column label, int nValidation, int nTest, int seed)
    {
        var classes = Classes(label, seed);
        var n = label.Length;
        var testShares = Allocate(classes.Select(c => c.Length).ToArray(), nTest, n);
        var remaining = classes.Select((c, i) => c.Length - testShares[i]).ToArray();
        var validationShares = Allocate(remaining, nValidation, remaining.Sum());
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        for (var c = 0; c < classes.Length; c++)
        {
            var rows = classes[c];
            test.AddRange(rows[..testShares[c]]);
            validation.AddRange(rows[testShares[c]..(testShares[c] + validationShares[c])]);
            train.AddRange(rows[(testShares[c] + validationShares[c])..]);
        }

        return new SplitIndices(Sorted(train.ToArray()), Sorted(validation.ToArray()), Sorted(test.ToArray()));
    }

    /// <summary>Splits <paramref name="total"/> across classes in proportion to their sizes: floors first, the remainder to the largest fractional parts.</summary>
    private static int[] Allocate(int[] sizes, int total, int population)
    {
        var shares = new int[sizes.Length];
        if (population == 0 || total == 0)
        {
            return shares;
        }

        var exact = sizes.Select(s => (double)s * total / population).ToArray();
        for (var c = 0; c < sizes.Length; c++)
        {
            shares[c] = Math.Min(sizes[c], (int)Math.Floor(exact[c]));
        }

        var left = total - shares.Sum();
        foreach (var c in Enumerable.Range(0, sizes.Length).OrderByDescending(c => exact[c] - Math.Floor(exact[c])).ThenBy(c => c))
        {
            if (left == 0)
            {
                break;
            }

            if (shares[c] < sizes[c])
            {
                shares[c]++;
                left--;
            }
        }

        return shares;
    }

    private static SplitIndices Grouped(Column group, int nValidation, int nTest, int seed)
    {
        var codes = KeyCodes.Of([group], nullIsKey: true, out var count);
        var (rows, offsets) = KeyCodes.Buckets(codes, count);
        var order = Permutation(count, seed);
        var test = new List<int>();
        var validation = new List<int>();
        var train = new List<int>();
        foreach (var g in order)
        {
            var members = rows.AsSpan(offsets[g], offsets[g + 1] - offsets[g]);
            var target = test.Count < nTest ? test : validation.Count < nValidation ? validation : train;
            target.AddRange(members.ToArray());
        }

        if (train.Count == 0)
        {
            throw new InvalidOperationException($"column '{group.Name}' has too few groups ({count}) to leave any for training with these fractions.");
        }

        return new SplitIndices(Sorted(train.ToArray()), Sorted(validation.ToArray()), Sorted(test.ToArray()));
    }

    /// <summary>Each class's rows (missing labels a class of their own) in seeded random order, classes in label order.</summary>
    private static int[][] Classes(Column label, int seed)
    {
        var ranks = label.DenseRanks(out var distinct);
        var buckets = Enumerable.Range(0, distinct + 1).Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < ranks.Length; r++)
        {
            buckets[ranks[r] < 0 ? distinct : ranks[r]].Add(r);
        }

        var random = new Random(seed);
        return buckets.Where(b => b.Count > 0).Select(b =>
        {
            var rows = b.ToArray();
            Shuffle(rows, random);
            return rows;
        }).ToArray();
    }

    private static (int Validation, int Test) Sizes(int n, double validation, double test)
    {
        if (!(validation >= 0) || !(test >= 0) || validation + test >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(test), $"validation ({validation}) and test ({test}) fractions must be at least 0 and leave something for training.");
        }

        var nTest = (int)Math.Ceiling(n * test);
        var nValidation = (int)Math.Ceiling(n * validation);
        if (n - nTest - nValidation <= 0 && n > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(test), $"{n} rows leave none for training with validation {validation} and test {test}.");
        }

        return (nValidation, nTest);
    }

    private static void CheckFolds(int rows, int k)
    {
        if (k < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"cross-validation needs at least 2 folds, not {k}.");
        }

        if (k > rows)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"{k} folds need at least {k} rows; there are {rows}.");
        }
    }

    private static SplitIndices FromOrder(int[] order, int nValidation, int nTest) => new(
        Sorted(order[(nTest + nValidation)..]),
        Sorted(order[nTest..(nTest + nValidation)]),
        Sorted(order[..nTest]));

    private static Fold FoldOf(int index, ReadOnlySpan<int> test, int rows)
    {
        var held = new bool[rows];
        foreach (var r in test)
        {
            held[r] = true;
        }

        var train = Enumerable.Range(0, rows).Where(r => !held[r]).ToArray();
        return new Fold(index, train, Sorted(test.ToArray()));
    }

    private static int[] Permutation(int n, int seed)
    {
        var order = Frame.Range(0, n);
        Shuffle(order, new Random(seed));
        return order;
    }

    private static void Shuffle(int[] values, Random random)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static int[] Sorted(int[] rows)
    {
        Array.Sort(rows);
        return rows;
    }
}
