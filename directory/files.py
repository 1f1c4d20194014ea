"""Uploaded files: their fingerprint, kept so anyone can later prove a file is the one recorded."""

import hashlib


def sha256_and_size(file) -> tuple[str, int]:
    """SHA-256 (hex) and size in bytes of an uploaded file, read in chunks; the file is rewound."""
    sha = hashlib.sha256()
    size = 0
    for chunk in file.chunks():
        sha.update(chunk)
        size += len(chunk)
    file.seek(0)
    return sha.hexdigest(), size
