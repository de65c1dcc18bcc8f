using System.Security.Cryptography;
using System.Text;

namespace Evaluation.Web.Features.Changes;

/// <summary>
/// How a webhook call is signed: <c>X-Evaluation-Signature: v1=&lt;hex HMAC-SHA256(secret, "{timestamp}.{body}")&gt;</c> with
/// <c>X-Evaluation-Timestamp</c> the Unix time in seconds. The receiver recomputes it over the raw body, compares in
/// constant time and refuses a timestamp more than five minutes off (a replayed capture). docs/department-data.md.
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "X-Evaluation-Signature";
    public const string TimestampHeader = "X-Evaluation-Timestamp";
    public const string DeliveryHeader = "X-Evaluation-Delivery";
    public const string SequenceHeader = "X-Evaluation-Sequence";

    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}")));

    /// <summary>What a receiver does; the platform's own tests use it to check what they received.</summary>
    public static bool Verify(string secret, string timestampHeader, string signatureHeader, string body, DateTimeOffset now)
    {
        if (!long.TryParse(timestampHeader, out var timestamp)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > 300) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader));
    }

    /// <summary>A new secret for a subscription, shown to the department once.</summary>
    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
