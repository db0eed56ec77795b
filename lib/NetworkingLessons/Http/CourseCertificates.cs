using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NetworkingLessons.Http;

/// <summary>
/// Certificates a lesson makes for itself: a certificate authority of its own, and server
/// certificates it signs, so that a TLS server on loopback can be trusted explicitly (a client
/// names this authority as its only trusted root) with validation left on.
/// </summary>
public static class CourseCertificates
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A new certificate authority (ECDSA P-256, valid for a week), with its private key.</summary>
    public static X509Certificate2 CreateAuthority(string name = "NetworkingLessons course CA")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return Reload(request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime));
    }

    /// <summary>
    /// A server certificate for <paramref name="hostName"/> (and, when it is an address, that IP),
    /// signed by <paramref name="authority"/>, with its private key: what a TLS server presents.
    /// </summary>
    /// <exception cref="ArgumentException">The authority has no private key to sign with.</exception>
    public static X509Certificate2 Issue(X509Certificate2 authority, string hostName)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        using var authorityKey = authority.GetECDsaPrivateKey() ?? throw new ArgumentException("The authority's certificate has no private key to sign with.", nameof(authority));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={hostName}"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(hostName, out var address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(hostName);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        using var signed = request.Create(authority, now.AddMinutes(-5), now + Lifetime - TimeSpan.FromMinutes(1), serial);
        return Reload(signed.CopyWithPrivateKey(key));
    }

    // A certificate whose key lives in the object itself (as one loaded from a .pfx does), which
    // is what SslStream's server side needs on every platform.
    private static X509Certificate2 Reload(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
