using Workbench.Testing;

namespace Workbench.Serving.Tests;

/// <summary>
/// Request bodies as numpy writes them (<c>numpy.save</c>, as SageMaker's <c>NumpySerializer</c> does), written once
/// per test run from the first 100 rows of data-samples/breast_cancer.csv and 400 of patients.csv (7 without a bmi), with the same rows as
/// CSV (pandas' round-trip parser and writer) to compare answers with.
/// </summary>
internal static class NpyBodies
{
    private static readonly Lazy<TempDirectory> Folder = new(Write);

    private const string Script = """
        import sys, numpy as np, pandas as pd
        data, out = sys.argv[1], sys.argv[2]
        def save(name, array, **kwargs):
            np.save(f"{out}/{name}.npy", array, **kwargs)

        cancer = pd.read_csv(f"{data}/breast_cancer.csv", float_precision="round_trip").drop(columns=["diagnosis"]).head(100)
        x = cancer.to_numpy()
        cancer.to_csv(f"{out}/cancer.csv", index=False, header=False)
        save("cancer_c", x)
        save("cancer_fortran", np.asfortranarray(x))
        save("cancer_big_endian", x.astype(">f8"))
        save("cancer_f4", x.astype("<f4"))
        save("cancer_one_row", x[0])
        save("cancer_records", cancer.to_records(index=False))
        save("cancer_records_reordered", cancer[list(reversed(cancer.columns))].assign(extra=1).to_records(index=False))
        bad = x.copy(); bad[3, 5] = np.inf; save("cancer_inf", bad)
        bad = x.copy(); bad[2, 4] = np.nan; save("cancer_nan", bad)
        save("cancer_wrong_width", x[:, :29])
        save("cancer_3d", x.reshape(10, 10, 30))
        save("cancer_objects", x.astype(object), allow_pickle=True)
        with open(f"{out}/cancer_truncated.npy", "wb") as f:
            f.write(open(f"{out}/cancer_c.npy", "rb").read()[:-8])

        columns = ["age", "sex", "bmi", "smoker", "systolic_bp", "admission_type", "num_prior_admissions"]
        texts = {"sex": "U8", "smoker": "U8", "admission_type": "U16"}
        patients = pd.read_csv(f"{data}/patients.csv", float_precision="round_trip")[columns].head(400)
        patients.to_csv(f"{out}/patients.csv", index=False, header=False)
        # Strings must be fixed-width to leave pickles out; an empty string is a missing value, as in CSV.
        records = patients.fillna({n: "" for n in texts}).to_records(index=False, column_dtypes=texts)
        save("patients_records", records)
        save("patients_missing_field", patients.drop(columns=["bmi"]).to_records(index=False, column_dtypes=texts))
        text_age = patients.astype({"age": str}).copy(); text_age.loc[7, "age"] = "x"
        save("patients_text_in_integer", text_age.to_records(index=False, column_dtypes={**texts, "age": "U4"}))
        """;

    /// <summary>The <c>.npy</c> file <paramref name="name"/> (or, with an extension, that file) as bytes.</summary>
    public static byte[] Get(string name) => File.ReadAllBytes(Folder.Value.File(Path.HasExtension(name) ? name : name + ".npy"));

    private static TempDirectory Write()
    {
        var folder = new TempDirectory("npy-bodies");
        PythonPeer.Run(Script, [RepoPaths.DataSamples, folder.Path]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        return folder;
    }
}
