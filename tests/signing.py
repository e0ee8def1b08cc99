"""Signing a PDF in a test as a signing application would: pyHanko and a self-signed certificate."""

from __future__ import annotations

import datetime as dt
import functools
import io
import tempfile
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@functools.cache
def certificate() -> tuple[Path, Path]:
    """A self-signed certificate and its key, as PEM files (made once for the whole run)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bupati Uji"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kabupaten Uji")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    folder = Path(tempfile.mkdtemp(prefix="perbup-cert-"))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                       serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return folder / "key.pem", folder / "cert.pem"


def sign(data: bytes) -> bytes:
    """`data` (a PDF) signed in a new signature field, as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    key, cert = certificate()
    signer = signers.SimpleSigner.load(str(key), str(cert))
    assert signer is not None
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="TandaTangan"),
                           signer=signer)
    return bytes(out.getvalue())


def validates(data: bytes) -> Any:
    """The validation status of the PDF's one signature, trusting the test certificate."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data))
    (embedded,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(certificate()[1]))])
    return validate_pdf_signature(embedded, context)


def blank_pdf() -> bytes:
    """A one-page PDF, not signed."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
