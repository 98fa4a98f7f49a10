from .certificates import Certificate, CertificateStatus, SigningKey
from .claims import Attestation, Claim, ClaimKind
from .records import (
    Artisan,
    ProductionKind,
    Provenance,
    ProvenanceMaterial,
    ProvenancePhoto,
    ProvenanceTranslation,
)
from .vocabulary import Material, MaterialTranslation, Technique, TechniqueTranslation

__all__ = [
    "Artisan",
    "Attestation",
    "Certificate",
    "CertificateStatus",
    "Claim",
    "ClaimKind",
    "Material",
    "MaterialTranslation",
    "ProductionKind",
    "Provenance",
    "ProvenanceMaterial",
    "ProvenancePhoto",
    "ProvenanceTranslation",
    "SigningKey",
    "Technique",
    "TechniqueTranslation",
]
