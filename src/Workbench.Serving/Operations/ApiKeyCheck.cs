using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Workbench.Serving.Operations;

/// <summary>Optional API-key authentication for local use: <c>X-Api-Key: key</c> or <c>Authorization: Bearer key</c>, compared in constant time.</summary>
internal sealed class ApiKeyCheck(string key)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Allows(HttpRequest request)
    {
        string? given = request.Headers["X-Api-Key"];
        if (string.IsNullOrEmpty(given))
        {
            string? authorization = request.Headers.Authorization;
            if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                given = authorization[7..].Trim();
            }
        }

        // Hashing both sides first makes the comparison length-independent as well as constant-time.
        return given is not null && CryptographicOperations.FixedTimeEquals(_expected, SHA256.HashData(Encoding.UTF8.GetBytes(given)));
    }
}
