using System.Text.Encodings.Web;
using System.Text.Json;

namespace Workbench.Serving.Protocol;

/// <summary>
/// How the server writes JSON: quotes and non-ASCII text as themselves (<c>\"</c>, not <c>\u0022</c>), as SageMaker's
/// capture files and most clients expect. Nothing is embedded in HTML, so the relaxed escaping is safe here.
/// </summary>
internal static class JsonText
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions Unchecked = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
}
