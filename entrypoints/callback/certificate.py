"""The callback's self-signed certificate, made in process and reused across logins.

Reusing it means the browser warns once per certificate rather than at every login.
"""

import datetime as dt
import os
from pathlib import Path

CERT_NAME = "callback-cert.pem"
KEY_NAME = "callback-key.pem"
_VALID_DAYS = 365
# Regenerate a little before expiry so a login never starts with a dying certificate.
_RENEW_BEFORE = dt.timedelta(days=7)


def ensure_certificate(folder: Path, *, now: dt.datetime) -> tuple[Path, Path]:
    """``(cert, key)`` PEM files in ``folder``: the existing pair while valid, else a new one."""
    cert_path, key_path = folder / CERT_NAME, folder / KEY_NAME
    if cert_path.exists() and key_path.exists() and _still_valid(cert_path, now):
        return cert_path, key_path
    cert_pem, key_pem = make_certificate(now)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _write(key_path, key_pem)
    _write(cert_path, cert_pem)
    return cert_path, key_path


def make_certificate(now: dt.datetime) -> tuple[bytes, bytes]:
    """A one-year EC P-256 certificate for 127.0.0.1 (SAN IP 127.0.0.1 and DNS localhost)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "trade-analyst login callback"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=_VALID_DAYS))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.IPv4Address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        # It is its own trust anchor, so it is marked as a CA with identifiers and key usage
        # that strict verifiers (Python 3.13's default X509_STRICT) insist on.
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def _still_valid(cert_path: Path, now: dt.datetime) -> bool:
    from cryptography import x509

    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except (OSError, ValueError):
        return False
    return cert.not_valid_after_utc - _RENEW_BEFORE > now


def _write(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(temp, path)
